import { PC } from '@/core/proposals/collections'
import { shanghaiDate } from '@/core/shared/shanghai-time'
import type { SessionDoc } from '@/core/proposals/model'
import { SEED } from '@/server/seed/proposals'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

const GUO = DEMO.delegate // m09 郭婷
const HE = DEMO.groupLeader // m10 何平
const MA = 'demo-m11' // 马丽

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const stored = async (id: string) =>
  (await cloud.ports.store.findOne<SessionDoc>(PC.sessions, { _id: id })) as SessionDoc

/** The edit form as the page sends it: every field, starting from what the session has now. */
async function formOf(id: string) {
  const s = await stored(id)
  return {
    sessionId: id,
    name: s.name,
    opensOn: shanghaiDate(new Date(s.opensAt)),
    closesOn: shanghaiDate(new Date(s.closesAt)),
    secondsRequired: s.secondsRequired,
    categories: s.categories.join('、'),
    departments: s.departments.join('、'),
  }
}

async function upcomingSession() {
  return cloud.ok(DEMO.chair, 'proposals.createSession', {
    name: '六届一次教代会',
    codePrefix: '2099',
    opensOn: '2099-03-01',
    closesOn: '2099-03-31',
    secondsRequired: 2,
    categories: '教学、后勤',
    departments: '教务处、总务处',
  })
}

describe('the chair edits a session', () => {
  test('before the window opens everything but the number prefix may change, and each change is recorded', async () => {
    const s = await upcomingSession()
    const edited = await cloud.ok(DEMO.chair, 'proposals.updateSession', {
      ...(await formOf(s.id)),
      name: '六届一次教代会（补）',
      opensOn: '2099-02-20',
      closesOn: '2099-04-10',
      secondsRequired: 3,
      categories: '教学、后勤、安全',
      departments: '教务处',
    })
    expect(edited).toMatchObject({
      name: '六届一次教代会（补）',
      opensOn: '2099-02-20',
      closesOn: '2099-04-10',
      secondsRequired: 3,
      categories: ['教学', '后勤', '安全'],
      departments: ['教务处'],
      codePrefix: '2099',
      phase: 'upcoming',
    })
    const edits = (await stored(s.id)).edits ?? []
    expect(edits).toHaveLength(1)
    expect(edits[0]).toMatchObject({ byName: '王建国' })
    expect(edits[0].action).toContain('截止日期：2099-03-31 → 2099-04-10')
    expect(edits[0].action).toContain('附议人数：2 → 3')
    expect(edits[0].action).toContain('承办部门：教务处、总务处 → 教务处')
    // Saving the same form again changes nothing and records nothing.
    const before = cloud.writes()
    await cloud.ok(DEMO.chair, 'proposals.updateSession', await formOf(s.id))
    expect(cloud.writes()).toBe(before)
  })

  test('附议人数 cannot change once a proposal has been submitted; the window can be extended or closed early', async () => {
    const form = await formOf(SEED.currentSession)
    const before = cloud.writes()
    const refusal = await cloud.refused(DEMO.chair, 'proposals.updateSession', { ...form, secondsRequired: 1 })
    expect(refusal).toMatchObject({ code: 'CONFLICT', fields: { secondsRequired: expect.any(String) } })
    expect(refusal.message).toContain('附议人数不能再改')
    // The start date of an open window is fixed.
    expect(
      (await cloud.refused(DEMO.chair, 'proposals.updateSession', { ...form, opensOn: '2020-01-01' })).fields,
    ).toHaveProperty('opensOn')
    expect(cloud.writes()).toBe(before)

    // Closing early: today the window ends yesterday, so drafts can no longer be submitted.
    const today = shanghaiDate(cloud.ports.clock.now())
    const yesterday = shanghaiDate(new Date(cloud.ports.clock.now().getTime() - 86400_000))
    const closed = await cloud.ok(DEMO.chair, 'proposals.updateSession', { ...form, closesOn: yesterday })
    expect(closed).toMatchObject({ phase: 'closed', open: false, closesOn: yesterday })
    expect((await cloud.refused(GUO, 'proposals.submit', { proposalId: SEED.draftReady })).message).toContain(
      '提案征集已经截止',
    )
    // …and reopened for one more day, after which the ready draft goes in.
    await cloud.ok(DEMO.chair, 'proposals.updateSession', { ...form, closesOn: today })
    expect(await cloud.ok(GUO, 'proposals.submit', { proposalId: SEED.draftReady })).toMatchObject({
      status: 'submitted',
    })
    expect(((await stored(SEED.currentSession)).edits ?? []).map((e) => e.action)).toEqual([
      `截止日期：${form.closesOn} → ${yesterday}`,
      `截止日期：${yesterday} → ${today}`,
    ])
  })

  test('附议人数 may change in an open window while nothing is submitted; a submission then needs the new number', async () => {
    const s = await cloud.ok(DEMO.chair, 'proposals.createSession', {
      name: '五届六次教代会',
      codePrefix: 'X1',
      opensOn: shanghaiDate(cloud.ports.clock.now()),
      closesOn: '2099-01-01',
      secondsRequired: 1,
      categories: '',
      departments: '',
    })
    await cloud.ok(DEMO.chair, 'proposals.updateSession', { ...(await formOf(s.id)), secondsRequired: 2 })
    const d = await cloud.ok(GUO, 'proposals.saveDraft', {
      sessionId: s.id,
      title: '关于教学楼每层增设饮水机的建议',
      reasons:
        '学校教学楼只有一层有饮水机，高年级老师课间需要下楼接水，往返一次要五六分钟，常常来不及，只好不喝水上课，长此以往影响老师的身体健康。',
      suggestion: '建议在教学楼每层走廊增设一台温热饮水机，由总务处统一采购并定期更换滤芯和检测水质。',
      category: '后勤',
      suggestedDept: '总务处',
      openForSeconds: true,
    })
    await cloud.ok(HE, 'proposals.second', { proposalId: d.id, accept: true })
    expect((await cloud.refused(GUO, 'proposals.submit', { proposalId: d.id })).message).toContain('还需要1位代表附议')
    await cloud.ok(MA, 'proposals.second', { proposalId: d.id, accept: true })
    await cloud.ok(GUO, 'proposals.submit', { proposalId: d.id })
    expect(
      (await cloud.refused(DEMO.chair, 'proposals.updateSession', { ...(await formOf(s.id)), secondsRequired: 3 }))
        .code,
    ).toBe('CONFLICT')
  })

  test('a category or department some proposal uses cannot be removed; an unused one can', async () => {
    const form = await formOf(SEED.currentSession)
    const before = cloud.writes()
    // 福利 is the category of the seeded 托管班 proposal (and of a draft); 办公室 is a draft's suggested department.
    const category = await cloud.refused(DEMO.chair, 'proposals.updateSession', {
      ...form,
      categories: '教学、后勤、管理、其他',
    })
    expect(category).toMatchObject({ code: 'CONFLICT', fields: { categories: '「福利」正在使用' } })
    expect(category.message).toContain('不能删除这个类别')
    const department = await cloud.refused(DEMO.chair, 'proposals.updateSession', {
      ...form,
      departments: '教务处、总务处',
    })
    expect(department).toMatchObject({ code: 'CONFLICT', fields: { departments: '「办公室」正在使用' } })
    expect(
      (await cloud.refused(DEMO.chair, 'proposals.updateSession', { ...form, categories: '、' })).fields,
    ).toHaveProperty('categories')
    expect(cloud.writes()).toBe(before)
    // 其他 is used by nobody: it goes, and the delegates' form no longer offers it.
    const edited = await cloud.ok(DEMO.chair, 'proposals.updateSession', {
      ...form,
      categories: '教学、后勤、福利、管理、安全',
    })
    expect(edited.categories).toEqual(['教学', '后勤', '福利', '管理', '安全'])
    expect(
      (
        await cloud.refused(GUO, 'proposals.saveDraft', {
          sessionId: SEED.currentSession,
          title: '关于校园安全的建议',
          reasons: '',
          suggestion: '',
          category: '其他',
          suggestedDept: '',
          openForSeconds: false,
        })
      ).fields,
    ).toHaveProperty('category')
  })

  test('only the chair edits, an unknown session reads as not found, and bad dates are refused without writing', async () => {
    const form = await formOf(SEED.currentSession)
    const before = cloud.writes()
    expect((await cloud.refused(DEMO.committee, 'proposals.updateSession', form)).code).toBe('FORBIDDEN')
    expect(
      (await cloud.refused(DEMO.chair, 'proposals.updateSession', { ...form, sessionId: 'ps-nowhere' })).code,
    ).toBe('NOT_FOUND')
    expect(
      (await cloud.refused(DEMO.chair, 'proposals.updateSession', { ...form, closesOn: '2001-01-01' })).fields,
    ).toHaveProperty('closesOn')
    expect(
      (await cloud.refused(DEMO.chair, 'proposals.updateSession', { ...form, closesOn: '2026-02-30x' })).code,
    ).toBe('BAD_INPUT')
    expect(cloud.writes()).toBe(before)
  })
})
