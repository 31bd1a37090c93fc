// Permissions have one source: the server flags what the caller may do (session.whoami `can`, read through
// hooks/useCan) and pages show buttons and links by those flags. A page that decides by role names again would
// drift from the server the day a contract's access changes; this test finds such a page.
import fs from 'fs'
import path from 'path'

const root = path.resolve(__dirname, '../..')
const CLIENT_DIRS = ['src/pages', 'src/subpackages', 'src/components', 'src/hooks']

/** Ways a page decides by role names: testing a roles list, or reading the caller's own roles from the session. */
const ROLE_DECISIONS = [
  /\broles\??\.(includes|some|every|indexOf|find|findIndex)\(/,
  /\bprofile\??\.roles\b/,
  /\bhas\(\s*'(member|delegate|committee|deptHead|groupLeader|chair|admin)'\s*\)/,
]

/**
 * Reads of roles that decide no permission, each with its reason; a line is allowed only verbatim in its file,
 * so a permission check added beside one is still caught.
 */
const DISPLAY_ONLY: { file: string; line: string; why: string }[] = [
  {
    file: 'src/pages/me/index.tsx',
    line: '{profile.roles.map((role) => (',
    why: '我的 lists the caller’s role labels: display, not a permission',
  },
  {
    file: 'src/subpackages/admin/member/RolesSection.tsx',
    line: "<Checkbox value={role} checked={roles.includes(role)} color='#b03a2e' />",
    why: 'the roles form ticks the roles being edited for another member',
  },
  {
    file: 'src/subpackages/admin/member/RolesSection.tsx',
    line: "{roles.includes('deptHead') && (",
    why: 'the roles form asks for a department once 部门负责人 is ticked',
  },
]

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`
    if (entry.isDirectory()) return sourceFiles(rel)
    return /\.tsx?$/.test(entry.name) ? [rel] : []
  })
}

/** `file:line: text` for every line that decides by role names and is not a listed display-only use. */
function roleDecisions(file: string, source: string): string[] {
  return source.split('\n').flatMap((text, i) => {
    const line = text.trim()
    if (!ROLE_DECISIONS.some((pattern) => pattern.test(line))) return []
    if (DISPLAY_ONLY.some((allowed) => allowed.file === file && allowed.line === line)) return []
    return [`${file}:${i + 1}: ${line}`]
  })
}

describe('pages ask the server’s flags, not role names', () => {
  const files = CLIENT_DIRS.flatMap(sourceFiles)

  test('no page, component or hook decides by role names', () => {
    expect(files.length).toBeGreaterThan(50)
    const found = files.flatMap((file) => roleDecisions(file, fs.readFileSync(path.join(root, file), 'utf8')))
    expect(found).toEqual([])
  })

  test('every display-only exception still exists (a stale one would hide nothing but mislead)', () => {
    const stale = DISPLAY_ONLY.filter(
      ({ file, line }) =>
        !files.includes(file) ||
        !fs
          .readFileSync(path.join(root, file), 'utf8')
          .split('\n')
          .some((text) => text.trim() === line),
    )
    expect(stale).toEqual([])
  })

  test('the checks recognise the ways pages used to decide', () => {
    const old = [
      'const roles = useSession().whoami?.profile?.roles ?? []',
      "const manager = roles.includes('chair') || roles.includes('admin')",
      "const committee = roles.some((r) => r === 'committee')",
      'const has = (r: string) => profile.roles.some((x) => x === r)',
      "{has('delegate') && (",
      "const isChair = useSession().whoami?.profile?.roles.includes('chair') ?? false",
    ].join('\n')
    expect(roleDecisions('src/subpackages/x/index.tsx', old)).toHaveLength(6)
    expect(roleDecisions('src/subpackages/x/index.tsx', "{can('activities.create') && (")).toEqual([])
  })
})
