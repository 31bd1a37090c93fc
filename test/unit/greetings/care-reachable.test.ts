// 生日关怀 once had no way in: no link from 首页, 我的 or the roster, so the chair could not find the birthday
// list. Each way in is shown by the flag the server sends for the action the page calls (never by role names,
// see pages-ask-can.test.ts), and the flag is true for exactly the people the action admits.
import fs from 'fs'
import path from 'path'
import { abilitiesOf } from '@/core/shared/abilities'
import type { Caller } from '@/core/shared/access'

const root = path.resolve(__dirname, '../../..')
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8')

/**
 * Whether `file` opens `route` from an element shown only under `can('<ability>')`: the open call sits inside
 * the parenthesised JSX that follows the flag (balanced parentheses), or on the flag's own line.
 */
function linksUnder(file: string, ability: string, route: string): boolean {
  const source = read(file)
  const flag = `can('${ability}') && `
  for (let at = source.indexOf(flag); at >= 0; at = source.indexOf(flag, at + 1)) {
    const start = at + flag.length
    let end = source.indexOf('\n', start)
    if (source[start] === '(') {
      let depth = 0
      for (end = start; end < source.length; end++) {
        if (source[end] === '(') depth++
        if (source[end] === ')' && --depth === 0) break
      }
    }
    if (source.slice(start, end).includes(`openPage(${route})`)) return true
  }
  return false
}

const person = (roles: Caller['roles']): Caller => ({ name: '某人', status: 'active', roles })

describe('生日关怀 can be reached by whom the server admits', () => {
  test.each([
    ['首页 (工会管理)', 'src/pages/index/index.tsx'],
    ['我的 (工会管理)', 'src/pages/me/index.tsx'],
    ['会员名册', 'src/subpackages/admin/roster/index.tsx'],
  ])('%s links to the birthday list under the list’s own flag', (_page, file) => {
    expect(linksUnder(file, 'greetings.upcoming', 'ROUTES.birthdays')).toBe(true)
  })

  test('the birthday list and the greeting settings link to each other', () => {
    expect(
      linksUnder('src/subpackages/care/birthdays/index.tsx', 'greetings.settings', 'ROUTES.greetingSettings'),
    ).toBe(true)
    expect(linksUnder('src/subpackages/care/settings/index.tsx', 'greetings.upcoming', 'ROUTES.birthdays')).toBe(true)
  })

  test('the flags: the chair and the union office see the list and the settings; only the chair edits them', () => {
    const chair = abilitiesOf('o-chair', person(['member', 'chair']))
    const admin = abilitiesOf('o-admin', person(['member', 'admin']))
    const teacher = abilitiesOf('o-teacher', person(['member', 'delegate', 'groupLeader']))
    expect([chair, admin].map((can) => [can['greetings.upcoming'], can['greetings.settings']])).toEqual([
      [true, true],
      [true, true],
    ])
    expect([chair['greetings.saveSettings'], admin['greetings.saveSettings']]).toEqual([true, undefined])
    expect([teacher['greetings.upcoming'], teacher['greetings.settings']]).toEqual([undefined, undefined])
  })

  test('the check finds a link only under its flag', () => {
    expect(linksUnder('src/pages/index/index.tsx', 'greetings.upcoming', 'ROUTES.roster')).toBe(false)
    expect(linksUnder('src/pages/index/index.tsx', 'members.list', 'ROUTES.birthdays')).toBe(false)
  })
})
