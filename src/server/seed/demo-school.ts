import { C } from '@/core/shared/collections'
import type { Role } from '@/core/shared/roles'
import type { GroupDoc, MemberDoc, UnionDoc } from '@/core/members/model'
import type { ServerPorts } from '../ports'

/** The demo union's code: teachers type it when binding without an invite code. */
export const DEMO_UNION_CODE = 'SYXX'
export const DEMO_UNION_ID = 'u-syxx'

const GROUPS = ['语文组', '数学组', '英语组', '综合组', '行政后勤组', '退休组']

type Row = [
  name: string,
  gender: 'M' | 'F',
  group: number,
  birthday: string,
  roles: Role[],
  extra?: { dept?: string; retired?: boolean; unbound?: boolean; year?: number },
]

/**
 * 40 people of 实验小学: a chair, an admin, a 提案 committee of three, a dozen delegates, heads of
 * 教务处/总务处/办公室, a leader per 小组, retired colleagues, and five entries nobody has bound yet.
 */
const PEOPLE: Row[] = [
  ['王建国', 'M', 4, '05-12', ['chair', 'delegate'], { year: 1972 }],
  ['李秀英', 'F', 4, '09-03', ['admin'], { dept: '办公室', year: 1985 }],
  ['张丽华', 'F', 0, '03-08', ['committee', 'delegate', 'groupLeader'], { year: 1978 }],
  ['陈志强', 'M', 1, '11-20', ['committee', 'delegate'], { year: 1975 }],
  ['刘芳', 'F', 2, '07-15', ['committee', 'delegate', 'groupLeader'], { year: 1983 }],
  ['赵明', 'M', 4, '01-26', ['deptHead'], { dept: '教务处', year: 1970 }],
  ['孙强', 'M', 4, '06-30', ['deptHead'], { dept: '总务处', year: 1968 }],
  ['周敏', 'F', 4, '12-02', ['deptHead', 'groupLeader'], { dept: '办公室', year: 1980 }],
  ['郭婷', 'F', 0, '12-03', ['delegate'], { year: 1990 }],
  ['何平', 'M', 1, '04-18', ['delegate', 'groupLeader'], { year: 1979 }],
  ['马丽', 'F', 0, '02-29', ['delegate'], { year: 1988 }],
  ['杨帆', 'M', 3, '08-08', ['delegate', 'groupLeader'], { year: 1986 }],
  ['黄静', 'F', 1, '10-01', ['delegate'], { year: 1992 }],
  ['吴磊', 'M', 3, '03-21', ['delegate'], { year: 1984 }],
  ['徐慧', 'F', 2, '05-05', ['delegate'], { year: 1987 }],
  ['朱红', 'F', 0, '12-15', ['delegate'], { year: 1976 }],
  ['胡军', 'M', 1, '09-10', [], { year: 1981 }],
  ['林小燕', 'F', 0, '01-08', [], { year: 1995 }],
  ['高峰', 'M', 3, '06-01', [], { year: 1977 }],
  ['罗佳', 'F', 2, '11-11', [], { year: 1993 }],
  ['梁晨', 'M', 1, '02-14', [], { year: 1991 }],
  ['宋雪', 'F', 0, '07-07', [], { year: 1989 }],
  ['郑浩', 'M', 3, '04-04', [], { year: 1994 }],
  ['谢婉', 'F', 2, '08-20', [], { year: 1990 }],
  ['韩冬', 'M', 4, '12-22', [], { year: 1982 }],
  ['唐敏', 'F', 1, '03-15', [], { year: 1986 }],
  ['冯涛', 'M', 3, '10-24', [], { year: 1980 }],
  ['于倩', 'F', 0, '05-20', [], { year: 1996 }],
  ['董伟', 'M', 4, '01-30', [], { year: 1974 }],
  ['程琳', 'F', 2, '09-28', [], { year: 1985 }],
  ['曹阳', 'M', 1, '06-18', [], { unbound: true, year: 1997 }],
  ['彭丽', 'F', 0, '11-05', [], { unbound: true, year: 1992 }],
  ['袁斌', 'M', 3, '02-02', [], { unbound: true, year: 1988 }],
  ['蒋欣', 'F', 2, '12-08', [], { unbound: true, year: 1998 }],
  ['沈洁', 'F', 1, '08-12', [], { unbound: true, year: 1991 }],
  ['钱老师', 'M', 5, '03-03', ['groupLeader'], { retired: true, year: 1958 }],
  ['陆桂英', 'F', 5, '12-05', [], { retired: true, year: 1956 }],
  ['范德明', 'M', 5, '07-01', [], { retired: true, year: 1955 }],
  ['邱淑芬', 'F', 5, '10-10', [], { retired: true, year: 1960 }],
  ['金国华', 'M', 5, '04-25', [], { retired: true, year: 1957 }],
]

/** The openid the dev sign-in page uses for a seeded person. */
export const demoOpenid = (memberId: string) => `demo-${memberId}`

export async function seedDemoSchool(ports: ServerPorts): Promise<void> {
  const at = ports.clock.now().toISOString()
  const union: UnionDoc = { _id: DEMO_UNION_ID, code: DEMO_UNION_CODE, name: '实验小学工会', createdAt: at }
  await ports.store.insert(C.unions, union)
  const groups: GroupDoc[] = GROUPS.map((name, i) => ({
    _id: `g${i + 1}`,
    unionId: union._id,
    name,
    order: i + 1,
    createdAt: at,
  }))
  for (const g of groups) await ports.store.insert(C.groups, g)
  for (const [i, [name, gender, group, birthday, roles, extra = {}]] of PEOPLE.entries()) {
    const id = `m${String(i + 1).padStart(2, '0')}`
    const member: MemberDoc = {
      _id: id,
      unionId: union._id,
      name,
      staffNo: `T${String(1001 + i)}`,
      gender,
      phone: `139${String(10000000 + i * 7919).padStart(8, '0')}`,
      birthday,
      birthYear: extra.year,
      groupId: groups[group]._id,
      roles: ['member', ...roles],
      department: extra.dept ?? '',
      status: extra.retired ? 'retired' : 'active',
      inviteCode: ports.ids.inviteCode(),
      privacy: { hideBirthday: false, noGreetings: false },
      createdAt: at,
      updatedAt: at,
    }
    if (member.birthYear === undefined) delete member.birthYear
    if (!extra.unbound) {
      member.openid = demoOpenid(id)
      member.boundAt = at
    }
    await ports.store.insert(C.members, member)
    if (member.openid) {
      await ports.store.insert(C.bindings, { _id: member.openid, unionId: union._id, memberId: id, createdAt: at })
    }
  }
}
