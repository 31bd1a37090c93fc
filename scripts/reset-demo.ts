// `npm run reset-demo`: deletes .data/ so the next `npm start` seeds the demo school afresh.
// Stop the running local cloud first: it holds the data files open.
import fs from 'fs'
import path from 'path'

const dir = path.resolve(process.env.JG_DATA_DIR ?? path.join(__dirname, '..', '.data'))
fs.rmSync(dir, { recursive: true, force: true })
console.log(`已清空演示数据：${dir}。下次 npm start 会重新创建演示学校。`)
