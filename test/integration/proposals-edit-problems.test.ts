/**
 * 提交 of an unfinished draft: the refusal names every problem, each keyed to its field for the edit page,
 * and its message alone already says how many there are and what they are.
 */
import { SEED } from '@/server/seed/proposals'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const draft = (fields: { title: string; reasons?: string; category?: string }) =>
  cloud.ok(DEMO.delegate, 'proposals.saveDraft', {
    sessionId: SEED.currentSession,
    title: fields.title,
    reasons: fields.reasons ?? '',
    suggestion: '',
    category: fields.category ?? '',
    suggestedDept: '',
    openForSeconds: true,
  })

test('a draft with five problems is refused with all five, not only the first', async () => {
  const d = await draft({ title: '饮水' })
  const refusal = await cloud.refused(DEMO.delegate, 'proposals.submit', { proposalId: d.id })
  expect(refusal).toMatchObject({
    code: 'BAD_INPUT',
    message:
      '还有5处需要修改：案由至少4个字；情况说明至少50个字（现在0个字）；具体建议至少30个字（现在0个字）；请选择类别；请选择建议承办部门',
    fields: {
      title: '案由至少4个字',
      reasons: '情况说明至少50个字（现在0个字）',
      suggestion: '具体建议至少30个字（现在0个字）',
      category: '请选择类别',
      suggestedDept: '请选择建议承办部门',
    },
  })
})

test('one problem left is said plainly', async () => {
  const d = await draft({
    title: '关于教学楼每层增设饮水机的建议',
    reasons:
      '学校教学楼只有一层有饮水机，高年级老师课间需要下楼接水，往返一次要五六分钟，常常来不及，只好不喝水上课，影响老师的身体健康。',
    category: '后勤',
  })
  await cloud.ok(DEMO.delegate, 'proposals.saveDraft', {
    proposalId: d.id,
    sessionId: SEED.currentSession,
    title: d.title,
    reasons: d.reasons,
    suggestion: '建议在教学楼每层走廊增设一台温热饮水机，由总务处统一采购并定期更换滤芯、检测水质。',
    category: '后勤',
    suggestedDept: '',
    openForSeconds: true,
  })
  const refusal = await cloud.refused(DEMO.delegate, 'proposals.submit', { proposalId: d.id })
  expect(refusal).toMatchObject({ message: '请选择建议承办部门', fields: { suggestedDept: '请选择建议承办部门' } })
})

test('a title over 40 characters is refused with its limit, never cut and saved', async () => {
  const refusal = await cloud.refused(DEMO.delegate, 'proposals.saveDraft', {
    sessionId: SEED.currentSession,
    title: '关于'.padEnd(41, '改'),
    reasons: '',
    suggestion: '',
    category: '',
    suggestedDept: '',
    openForSeconds: true,
  })
  expect(refusal).toMatchObject({ code: 'BAD_INPUT', fields: { title: '案由不能超过40个字' } })
})
