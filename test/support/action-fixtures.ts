import type { ActionInput, ActionName } from '@/core/contract'
import { C } from '@/core/shared/collections'
import type { MemberDoc } from '@/core/members/model'
import { csvFile, DEMO, type TestCloud } from './test-cloud'

/**
 * A valid input for every action against a freshly seeded cloud. The mapped type makes a new action without
 * a fixture a compile error, so the authorization matrix and fuzz cover every action added later.
 */
export type Fixtures = { [N in ActionName]: (cloud: TestCloud) => Promise<ActionInput<N>> }

const code = async (cloud: TestCloud) =>
  ((await cloud.ports.store.findOne<MemberDoc>(C.members, { _id: DEMO.unboundMemberId })) as MemberDoc).inviteCode
const member = { name: '测试', staffNo: 'T9001', gender: 'M' as const, phone: '13800000000', birthday: '01-02', groupId: 'g1', department: '' }
const roster = csvFile([
  ['姓名', '工号', '性别', '手机号', '生日', '工会小组'],
  ['测试', 'T9001', '男', '13800000000', '01-02', '语文组'],
])

export const FIXTURES: Fixtures = {
  'session.whoami': async () => ({}),
  'members.bindByCode': async (cloud) => ({ code: await code(cloud) }),
  'members.bindByIdentity': async () => ({ unionCode: 'SYXX', name: '曹阳', staffNo: 'T1031', phoneTail: phoneTail(30) }),
  'members.me': async () => ({}),
  'members.setPrivacy': async () => ({ hideBirthday: true, noGreetings: false }),
  'groups.list': async () => ({}),
  'groups.create': async () => ({ name: '体育组' }),
  'groups.rename': async () => ({ groupId: 'g1', name: '语文一组' }),
  'members.list': async () => ({}),
  'members.create': async () => member,
  'members.update': async () => ({ memberId: 'm17', ...member }),
  'members.setStatus': async () => ({ memberId: 'm17', status: 'retired' }),
  'members.setRoles': async () => ({ memberId: 'm17', roles: ['delegate'], department: '' }),
  'members.resetBinding': async () => ({ memberId: 'm17' }),
  'members.importPreview': async () => roster,
  'members.importCommit': async () => roster,
  'members.bindingAttempts': async () => ({}),
}

/** The seed's phone for the i-th person (0-based), see demo-school.ts. */
function phoneTail(i: number): string {
  return String(10000000 + i * 7919).slice(-4)
}
