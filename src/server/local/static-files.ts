import fs from 'fs'
import type http from 'http'
import path from 'path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/** Serves the H5 build; any unknown path gets index.html (the app routes by hash). Never leaves `root`. */
export function serveStatic(root: string, urlPath: string, res: http.ServerResponse): void {
  const base = path.resolve(root)
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0])
  } catch {
    decoded = '/'
  }
  // Normalising against '/' first means '..' can climb no higher than the build folder.
  let file = path.join(base, path.posix.normalize(`/${decoded}`))
  if (!file.startsWith(base) || !fs.existsSync(file) || fs.statSync(file).isDirectory())
    file = path.join(base, 'index.html')
  if (!fs.existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('H5 版本尚未构建：请先运行 npm run build:h5（npm start 会自动构建）')
    return
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream'
  // Hashed assets never change; index.html must always be fresh so a rebuild shows up on reload.
  const cache = path.basename(file) === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable'
  res.writeHead(200, { 'content-type': type, 'cache-control': cache })
  fs.createReadStream(file).pipe(res)
}
