import fs from 'fs'
import path from 'path'
import { shanghaiDate } from '@/core/shared/shanghai-time'
import { heardServerTime, serverNow } from '@/services/server-clock'

describe("pages take today from the server's clock (issue 13 item 12)", () => {
  test('a phone two days fast still gets the server date once a reply arrived', () => {
    const phone = Date.parse('2026-12-07T10:00:00Z')
    heardServerTime('2026-12-05T10:00:00.000Z', phone)
    expect(shanghaiDate(serverNow(phone))).toBe('2026-12-05')
    // Later readings keep the difference, not the moment heard.
    expect(serverNow(phone + 3600_000).toISOString()).toBe('2026-12-05T11:00:00.000Z')
  })

  test('a reply without a time (an old server) leaves the last one heard', () => {
    const phone = Date.parse('2026-12-07T10:00:00Z')
    heardServerTime('2026-12-05T10:00:00.000Z', phone)
    heardServerTime(undefined, phone)
    heardServerTime('not a time', phone)
    expect(serverNow(phone).toISOString()).toBe('2026-12-05T10:00:00.000Z')
  })

  test('no page, component or hook reads the phone clock itself', () => {
    const root = path.resolve(__dirname, '..', '..', '..', 'src')
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name)
        return e.isDirectory() ? walk(p) : /\.tsx?$/.test(e.name) ? [p] : []
      })
    const clientFiles = ['pages', 'subpackages', 'components', 'hooks', 'services'].flatMap((d) =>
      walk(path.join(root, d)),
    )
    const offenders = clientFiles
      .filter((f) => !f.endsWith(path.join('services', 'server-clock.ts')))
      .filter((f) => /new Date\(\)|Date\.now\(\)/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f))
    expect(offenders).toEqual([])
  })
})
