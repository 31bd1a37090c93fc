import * as XLSX from '@e965/xlsx'
import { PC } from '@/core/proposals/collections'
import type { ProposalDoc, SecondDoc, SessionDoc } from '@/core/proposals/model'
import { replyDueReminders } from '@/core/proposals/reminders'
import { SEED } from '@/server/seed/proposals'
import type { StoredMessageDoc as StoredMessage } from '@/core/messages/model'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'
import { REASONS, SUGGESTION } from '../support/proposal-texts'

const GUO = DEMO.delegate // m09 郭婷
const HE = DEMO.groupLeader // m10 何平, delegate
const MA = 'demo-m11' // 马丽, delegate
const ZHANG = DEMO.committee // m03 张丽华
const CHEN = 'demo-m04' // 陈志强, committee
const ZHAO = DEMO.deptHead // m06 赵明, 教务处
const SUN = 'demo-m07' // 孙强, 总务处

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const proposal = (id: string) => cloud.ports.store.findOne<ProposalDoc>(PC.proposals, { _id: id })
const messagesOf = (memberId: string) =>
  cloud.ports.store.find<StoredMessage>('messages', { memberId, kind: 'proposal' }, { limit: 200 })

async function draftBy(openid: string, title = '关于教学楼每层增设饮水机的建议') {
  return cloud.ok(openid, 'proposals.saveDraft', {
    sessionId: SEED.currentSession,
    title,
    reasons: REASONS,
    suggestion: SUGGESTION,
    category: '后勤',
    suggestedDept: '总务处',
    openForSeconds: true,
  })
}

/** Draft by 郭婷, seconded by 何平 and 马丽, submitted. */
async function submitted(title?: string) {
  const d = await draftBy(GUO, title)
  await cloud.ok(HE, 'proposals.second', { proposalId: d.id, accept: true })
  await cloud.ok(MA, 'proposals.second', { proposalId: d.id, accept: true })
  return cloud.ok(GUO, 'proposals.submit', { proposalId: d.id })
}

describe('sessions', () => {
  test('the chair opens a session with its window, seconds and lists; the list shows its phase', async () => {
    const s = await cloud.ok(DEMO.chair, 'proposals.createSession', {
      name: '六届一次教代会',
      codePrefix: '2027',
      opensOn: '2027-03-01',
      closesOn: '2027-03-31',
      secondsRequired: 3,
      categories: '教学、后勤，安全',
      departments: '',
    })
    expect(s).toMatchObject({
      phase: 'upcoming',
      secondsRequired: 3,
      categories: ['教学', '后勤', '安全'],
      departments: ['教务处', '总务处', '办公室'],
      opensOn: '2027-03-01',
      closesOn: '2027-03-31',
    })
    const list = await cloud.ok(DEMO.teacher, 'proposals.sessions', {})
    expect(list.map((x) => [x.name, x.phase])).toEqual([
      ['六届一次教代会', 'upcoming'],
      ['五届五次教代会', 'open'],
      ['五届四次教代会', 'closed'],
    ])
  })

  test('a window that closes before it opens, a reused prefix, or a non-chair is refused without writing', async () => {
    const before = cloud.writes()
    const base = {
      name: '六届一次教代会',
      codePrefix: '2027',
      opensOn: '2027-03-31',
      closesOn: '2027-03-01',
      secondsRequired: 2,
      categories: '',
      departments: '',
    }
    expect((await cloud.refused(DEMO.chair, 'proposals.createSession', base)).fields).toHaveProperty('closesOn')
    expect(
      (
        await cloud.refused(DEMO.chair, 'proposals.createSession', {
          ...base,
          opensOn: '2027-03-01',
          closesOn: '2027-03-02',
          codePrefix: '2026',
        })
      ).code,
    ).toBe('CONFLICT')
    expect((await cloud.refused(ZHANG, 'proposals.createSession', { ...base, closesOn: '2027-04-01' })).code).toBe(
      'FORBIDDEN',
    )
    expect(cloud.writes()).toBe(before)
  })
})

describe('drafting and 附议', () => {
  test('a draft is private to its proposer until opened for seconds; the board never shows drafts', async () => {
    const d = await cloud.ok(GUO, 'proposals.saveDraft', {
      sessionId: SEED.currentSession,
      title: '关于晚自习值班补贴的建议',
      reasons: '',
      suggestion: '',
      category: '',
      suggestedDept: '',
      openForSeconds: false,
    })
    expect(d).toMatchObject({ status: 'draft', isMine: true, can: { edit: true, submit: true, second: false } })
    expect((await cloud.refused(HE, 'proposals.get', { proposalId: d.id })).code).toBe('NOT_FOUND')
    expect((await cloud.refused(DEMO.chair, 'proposals.get', { proposalId: d.id })).code).toBe('NOT_FOUND')
    const boardIds = (await cloud.ok(DEMO.teacher, 'proposals.board', {})).items.map((p) => p.id)
    expect(boardIds).not.toContain(d.id)
    expect(boardIds).not.toContain(SEED.draftReady)
    await cloud.ok(GUO, 'proposals.saveDraft', {
      proposalId: d.id,
      sessionId: SEED.currentSession,
      title: '关于晚自习值班补贴的建议',
      reasons: '',
      suggestion: '',
      category: '',
      suggestedDept: '',
      openForSeconds: true,
    })
    expect((await cloud.ok(HE, 'proposals.get', { proposalId: d.id })).can.second).toBe(true)
    expect((await cloud.ok(HE, 'proposals.mine', {})).toSecond.map((p) => p.id)).toContain(d.id)
    // Others cannot edit it even when they can see it.
    expect(
      (
        await cloud.refused(HE, 'proposals.saveDraft', {
          proposalId: d.id,
          sessionId: SEED.currentSession,
          title: '改掉',
          reasons: '',
          suggestion: '',
          category: '',
          suggestedDept: '',
          openForSeconds: true,
        })
      ).code,
    ).toBe('FORBIDDEN')
  })

  test('similar proposals of this and past sessions are shown before submitting (一事一案)', async () => {
    const similar = await cloud.ok(GUO, 'proposals.similar', { title: '关于提高教师午餐质量的建议', reasons: '' })
    expect(similar[0]).toMatchObject({
      code: expect.stringMatching(/-01$/),
      title: '关于改善教师午餐质量的建议',
      sessionName: '五届四次教代会',
    })
    expect(await cloud.ok(GUO, 'proposals.similar', { title: '关于举办教职工书法比赛的设想', reasons: '' })).toEqual([])
  })

  test('invitations, seconding from the list, no self-seconding, no second twice; seconds lock at submission', async () => {
    const d = await draftBy(GUO)
    expect((await cloud.refused(GUO, 'proposals.second', { proposalId: d.id, accept: true })).message).toContain(
      '不能附议自己',
    )
    await cloud.ok(GUO, 'proposals.invite', { proposalId: d.id, memberId: 'm10' })
    expect((await cloud.refused(GUO, 'proposals.invite', { proposalId: d.id, memberId: 'm10' })).code).toBe('CONFLICT')
    expect((await cloud.refused(GUO, 'proposals.invite', { proposalId: d.id, memberId: 'm17' })).code).toBe('BAD_INPUT') // a teacher, not a delegate
    expect((await cloud.ok(HE, 'proposals.todo', {})).invitations).toBe(1)
    expect((await messagesOf('m10')).map((m) => m.title)).toContain('邀请您附议提案')
    await cloud.ok(HE, 'proposals.second', { proposalId: d.id, accept: true })
    expect((await cloud.refused(HE, 'proposals.second', { proposalId: d.id, accept: true })).message).toContain(
      '已经附议',
    )
    // Not enough seconds yet: a clear refusal that changes nothing.
    const before = cloud.writes()
    expect((await cloud.refused(GUO, 'proposals.submit', { proposalId: d.id })).message).toContain('还需要1位代表附议')
    expect(cloud.writes()).toBe(before)
    await cloud.ok(MA, 'proposals.second', { proposalId: d.id, accept: true })
    const second = await cloud.ports.store.findOne<SecondDoc>(PC.seconds, { _id: `${d.id}_m11` })
    expect(second).toMatchObject({ status: 'accepted', locked: false })
    const done = await cloud.ok(GUO, 'proposals.submit', { proposalId: d.id })
    expect(done).toMatchObject({
      status: 'submitted',
      code: expect.stringMatching(/^\d{4}-05$/),
      seconds: [{ name: '何平' }, { name: '马丽' }],
    })
    expect((await cloud.refused(MA, 'proposals.second', { proposalId: d.id, accept: false })).message).toContain(
      '附议已锁定',
    )
    expect((await cloud.ports.store.findOne<SecondDoc>(PC.seconds, { _id: `${d.id}_m11` }))?.locked).toBe(true)
    // Submitted text cannot be edited any more.
    expect(
      (
        await cloud.refused(GUO, 'proposals.saveDraft', {
          proposalId: d.id,
          sessionId: SEED.currentSession,
          title: '改标题',
          reasons: '',
          suggestion: '',
          category: '',
          suggestedDept: '',
          openForSeconds: false,
        })
      ).code,
    ).toBe('CONFLICT')
    expect((await proposal(d.id))?.title).toBe('关于教学楼每层增设饮水机的建议')
  })

  test('submission checks the text rules and the window', async () => {
    const d = await cloud.ok(GUO, 'proposals.saveDraft', {
      sessionId: SEED.currentSession,
      title: '关于饮水机的建议',
      reasons: '太少了',
      suggestion: '短',
      category: '后勤',
      suggestedDept: '总务处',
      openForSeconds: true,
    })
    await cloud.ok(HE, 'proposals.second', { proposalId: d.id, accept: true })
    await cloud.ok(MA, 'proposals.second', { proposalId: d.id, accept: true })
    const refusal = await cloud.refused(GUO, 'proposals.submit', { proposalId: d.id })
    expect(refusal.code).toBe('BAD_INPUT')
    expect(refusal.fields).toMatchObject({
      reasons: expect.stringContaining('至少50个字'),
      suggestion: expect.stringContaining('至少30个字'),
    })
    await cloud.ok(GUO, 'proposals.saveDraft', {
      proposalId: d.id,
      sessionId: SEED.currentSession,
      title: '关于饮水机的建议',
      reasons: REASONS,
      suggestion: SUGGESTION,
      category: '后勤',
      suggestedDept: '总务处',
      openForSeconds: true,
    })
    const session = (await cloud.ports.store.findOne<SessionDoc>(PC.sessions, {
      _id: SEED.currentSession,
    })) as SessionDoc
    cloud.ports.clock.set(new Date(Date.parse(session.closesAt) + 1000))
    expect((await cloud.refused(GUO, 'proposals.submit', { proposalId: d.id })).message).toContain('已经截止')
    expect((await proposal(d.id))?.status).toBe('draft')
  })

  test('only delegates draft, second and submit', async () => {
    expect(
      (
        await cloud.refused(DEMO.teacher, 'proposals.saveDraft', {
          sessionId: SEED.currentSession,
          title: '试试',
          reasons: '',
          suggestion: '',
          category: '',
          suggestedDept: '',
          openForSeconds: false,
        })
      ).code,
    ).toBe('FORBIDDEN')
    expect((await cloud.refused(ZHAO, 'proposals.second', { proposalId: SEED.draftOpen, accept: true })).code).toBe(
      'FORBIDDEN',
    )
    expect((await cloud.refused(HE, 'proposals.submit', { proposalId: SEED.draftReady })).code).toBe('FORBIDDEN')
  })

  test('text the content check flags is refused with a clear message and nothing is written', async () => {
    const before = cloud.writes()
    const refusal = await cloud.refused(GUO, 'proposals.saveDraft', {
      sessionId: SEED.currentSession,
      title: '关于教师赌博问题',
      reasons: '',
      suggestion: '',
      category: '',
      suggestedDept: '',
      openForSeconds: false,
    })
    expect(refusal).toMatchObject({
      code: 'CONTENT_REJECTED',
      message: expect.stringContaining('请修改'),
      fields: { title: expect.any(String) },
    })
    expect(cloud.writes()).toBe(before)
    const replyRefusal = await cloud.refused(ZHAO, 'proposals.reply', {
      proposalId: SEED.assigned,
      method: '书面答复',
      resolution: '已解决',
      text: '我们认为这和赌博一样不可取，已经处理完毕了。',
    })
    expect(replyRefusal.code).toBe('CONTENT_REJECTED')
    expect(cloud.writes()).toBe(before)
    expect((await proposal(SEED.assigned))?.status).toBe('assigned')
  })
})

describe('the whole lifecycle', () => {
  test('submit → 立案 → 交办 → 答复 → 退回 → 答复 → 不满意 → 再办理 → 满意 → 办结, each step by its own person', async () => {
    const p = await submitted()
    expect((await messagesOf('m03')).map((m) => m.title)).toContain('有新提案待审查')
    expect((await cloud.ok(ZHANG, 'proposals.todo', {})).toReview).toBe(2)

    // Only the committee reviews and assigns.
    expect(
      (await cloud.refused(DEMO.chair, 'proposals.review', { proposalId: p.id, decision: 'accept', reason: '' })).code,
    ).toBe('FORBIDDEN')
    expect(
      (await cloud.ok(ZHANG, 'proposals.review', { proposalId: p.id, decision: 'accept', reason: '' })).status,
    ).toBe('accepted')
    expect(
      (
        await cloud.refused(ZHAO, 'proposals.assign', {
          proposalId: p.id,
          lead: '教务处',
          cooperating: '',
          replyBy: '2026-12-20',
        })
      ).code,
    ).toBe('FORBIDDEN')
    expect(
      (
        await cloud.refused(ZHANG, 'proposals.assign', {
          proposalId: p.id,
          lead: '教务处',
          cooperating: '',
          replyBy: '2026-11-20',
        })
      ).fields,
    ).toHaveProperty('replyBy')
    const assigned = await cloud.ok(ZHANG, 'proposals.assign', {
      proposalId: p.id,
      lead: '教务处',
      cooperating: '总务处、教务处',
      replyBy: '2026-12-20',
    })
    expect(assigned).toMatchObject({
      status: 'assigned',
      assignment: { lead: '教务处', cooperating: ['总务处'], replyBy: '2026-12-20' },
    })
    expect((await messagesOf('m06')).map((m) => m.title)).toContain('有提案请您答复')
    expect((await messagesOf('m07')).map((m) => m.title)).toContain('有提案请您协办')
    expect((await cloud.ok(ZHAO, 'proposals.todo', {})).toReply).toBe(2)

    // Only the head of the 主办 department replies; not the 协办 one, not the proposer.
    const answer = {
      proposalId: p.id,
      method: '书面答复' as const,
      resolution: '列入计划' as const,
      text: '教务处与总务处研究后，将在寒假期间为教学楼每层安装饮水机。',
    }
    expect((await cloud.refused(SUN, 'proposals.reply', answer)).message).toContain('只有教务处负责人')
    expect((await cloud.refused(GUO, 'proposals.reply', answer)).code).toBe('FORBIDDEN')
    expect((await cloud.ok(ZHAO, 'proposals.reply', answer)).status).toBe('replied')

    // 答复审查: returned once with a reason, never twice.
    const returned = await cloud.ok(CHEN, 'proposals.returnReply', { proposalId: p.id, reason: '请写明安装的具体时间' })
    expect(returned).toMatchObject({
      status: 'assigned',
      replyReturned: true,
      replies: [{ returnedReason: '请写明安装的具体时间' }],
    })
    await cloud.ok(ZHAO, 'proposals.reply', {
      ...answer,
      text: '教务处与总务处已确定：2027年1月20日前为教学楼每层安装温热饮水机。',
    })
    expect(
      (await cloud.refused(CHEN, 'proposals.returnReply', { proposalId: p.id, reason: '再改一次吧谢谢' })).message,
    ).toContain('只能退回一次')

    // Only the proposer rates; 不满意 sends it back once for 再办理.
    expect(
      (await cloud.refused(HE, 'proposals.rate', { proposalId: p.id, rating: '满意', comment: '' })).message,
    ).toContain('只有提案人本人')
    expect(
      (await cloud.refused(GUO, 'proposals.rate', { proposalId: p.id, rating: '不满意', comment: '' })).fields,
    ).toHaveProperty('comment')
    const redo = await cloud.ok(GUO, 'proposals.rate', {
      proposalId: p.id,
      rating: '不满意',
      comment: '时间太晚了，希望开学前装好',
    })
    expect(redo).toMatchObject({ status: 'assigned', redone: true, statusLabel: '办理中' })
    expect((await messagesOf('m06')).map((m) => m.title)).toContain('提案需再办理')
    await cloud.ok(ZHAO, 'proposals.reply', {
      ...answer,
      resolution: '已解决',
      text: '已调整采购计划，饮水机已于本周安装完毕，请老师们使用。',
    })
    const closed = await cloud.ok(GUO, 'proposals.rate', { proposalId: p.id, rating: '满意', comment: '谢谢' })
    expect(closed).toMatchObject({ status: 'closed', statusLabel: '已办结', lastRating: '满意' })
    expect(
      (await cloud.refused(GUO, 'proposals.rate', { proposalId: p.id, rating: '满意', comment: '' })).message,
    ).toContain('已经办结')

    // Every step is in the history, with who did it.
    const actions = closed.history.map((h) => `${h.byName}:${h.action}`)
    expect(actions).toEqual([
      '郭婷:起草',
      '郭婷:提交',
      '张丽华:立案',
      '张丽华:交办：主办教务处，协办总务处',
      '赵明:教务处答复（列入计划）',
      '陈志强:退回答复，请部门重新答复',
      '赵明:教务处答复（列入计划）',
      '郭婷:评价：不满意，退回再办理',
      '赵明:教务处答复（已解决）',
      '郭婷:评价：满意，办结',
    ])
    // Seconders heard about it too.
    expect((await messagesOf('m11')).map((m) => m.title)).toEqual(
      expect.arrayContaining(['提案已提交', '提案已交办', '您的提案已答复', '提案已办结']),
    )
    // A 不满意 after 再办理 would have closed it too: covered by the seed's past proposal pp-12.
  })

  test('不满意 after 再办理 closes it with that rating', async () => {
    const p = await submitted()
    await cloud.ok(ZHANG, 'proposals.review', { proposalId: p.id, decision: 'accept', reason: '' })
    await cloud.ok(ZHANG, 'proposals.assign', {
      proposalId: p.id,
      lead: '总务处',
      cooperating: '',
      replyBy: '2026-12-20',
    })
    const answer = {
      proposalId: p.id,
      method: '当面沟通' as const,
      resolution: '暂不具备条件' as const,
      text: '经费已用完，明年再考虑安装饮水机，请老师们谅解。',
    }
    await cloud.ok(SUN, 'proposals.reply', answer)
    await cloud.ok(GUO, 'proposals.rate', { proposalId: p.id, rating: '不满意', comment: '理由不够充分，希望再考虑' })
    await cloud.ok(SUN, 'proposals.reply', answer)
    expect(
      await cloud.ok(GUO, 'proposals.rate', { proposalId: p.id, rating: '不满意', comment: '仍然没有解决问题' }),
    ).toMatchObject({ status: 'closed', lastRating: '不满意' })
  })

  test('不予立案 becomes 意见建议 and is still assigned and answered', async () => {
    expect(
      (await cloud.refused(ZHANG, 'proposals.review', { proposalId: SEED.submitted, decision: 'reject', reason: '' }))
        .fields,
    ).toHaveProperty('reason')
    const converted = await cloud.ok(ZHANG, 'proposals.review', {
      proposalId: SEED.submitted,
      decision: 'reject',
      reason: '属于日常管理事项，转部门办理',
    })
    expect(converted).toMatchObject({ status: 'converted', isOpinion: true, review: { decision: 'reject' } })
    await cloud.ok(ZHANG, 'proposals.assign', {
      proposalId: SEED.submitted,
      lead: '教务处',
      cooperating: '',
      replyBy: '2026-12-15',
    })
    const replied = await cloud.ok(ZHAO, 'proposals.reply', {
      proposalId: SEED.submitted,
      method: '书面答复',
      resolution: '已解决',
      text: '图书馆自下周起延长开放至下午六点。',
    })
    expect(replied.statusLabel).toBe('已答复，待评价（意见建议）')
  })

  test('并案 links both proposals', async () => {
    const p = await submitted('关于增加教学楼饮水点的建议')
    await cloud.ok(ZHANG, 'proposals.review', { proposalId: p.id, decision: 'accept', reason: '' })
    expect(
      (
        await cloud.refused(ZHANG, 'proposals.review', {
          proposalId: SEED.submitted,
          decision: 'merge',
          reason: '',
          mergeIntoId: SEED.pastSession,
        })
      ).code,
    ).toBe('NOT_FOUND')
    const merged = await cloud.ok(ZHANG, 'proposals.review', {
      proposalId: SEED.submitted,
      decision: 'merge',
      reason: '内容相近',
      mergeIntoId: p.id,
    })
    expect(merged).toMatchObject({ status: 'merged', mergedInto: { id: p.id, title: '关于增加教学楼饮水点的建议' } })
    const target = await cloud.ok(DEMO.teacher, 'proposals.get', { proposalId: p.id })
    expect(target.mergedFrom).toEqual([
      { id: SEED.submitted, code: expect.any(String), title: '关于延长图书馆开放时间的建议' },
    ])
    expect(target.history[target.history.length - 1].action).toMatch(/^并入.*关于延长图书馆开放时间的建议/)
    expect((await messagesOf('m09')).map((m) => m.title)).toContain('有提案并入了您的提案')
  })
})

describe('illegal steps and races', () => {
  test('a step out of order is refused with a clear message and changes nothing', async () => {
    const before = cloud.writes()
    expect(
      (
        await cloud.refused(ZHANG, 'proposals.assign', {
          proposalId: SEED.submitted,
          lead: '教务处',
          cooperating: '',
          replyBy: '2026-12-20',
        })
      ).message,
    ).toContain('请先审查立案')
    expect(
      (
        await cloud.refused(ZHAO, 'proposals.reply', {
          proposalId: SEED.accepted,
          method: '书面答复',
          resolution: '已解决',
          text: '还没有交办就来答复，这不可以的，请先交办。',
        })
      ).message,
    ).toContain('还没有交办')
    expect(
      (await cloud.refused(GUO, 'proposals.rate', { proposalId: SEED.assigned, rating: '满意', comment: '' })).code,
    ).toBe('CONFLICT')
    expect(
      (await cloud.refused(ZHANG, 'proposals.review', { proposalId: SEED.accepted, decision: 'accept', reason: '' }))
        .message,
    ).toContain('已经审查过')
    expect(
      (await cloud.refused(ZHANG, 'proposals.returnReply', { proposalId: SEED.assigned, reason: '没有答复可退回' }))
        .code,
    ).toBe('CONFLICT')
    expect(cloud.writes()).toBe(before)
  })

  test('two committee members reviewing at once: exactly one wins', async () => {
    const results = await Promise.all([
      cloud.call(ZHANG, 'proposals.review', { proposalId: SEED.submitted, decision: 'accept', reason: '' }),
      cloud.call(CHEN, 'proposals.review', {
        proposalId: SEED.submitted,
        decision: 'reject',
        reason: '转为意见建议办理',
      }),
    ])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const loser = results.find((r) => !r.ok)
    expect(loser).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('已经审查过') })
    const stored = (await proposal(SEED.submitted)) as ProposalDoc
    expect(stored.history.filter((h) => /立案/.test(h.action))).toHaveLength(1)
  })

  test('simultaneous submissions get distinct consecutive numbers', async () => {
    const owners = [GUO, HE, MA]
    const drafts = await Promise.all(owners.map((o, i) => draftBy(o, `关于第${i + 1}件事的建议`)))
    // Each draft is seconded by the two other proposers.
    for (const [i, d] of drafts.entries()) {
      for (const other of owners.filter((_, j) => j !== i))
        await cloud.ok(other, 'proposals.second', { proposalId: d.id, accept: true })
    }
    const results = await Promise.all(
      drafts.map((d, i) => cloud.ok(owners[i], 'proposals.submit', { proposalId: d.id })),
    )
    const codes = results.map((r) => r.code as string).sort()
    expect(codes.map((c) => c.slice(-2))).toEqual(['05', '06', '07'])
  })

  test('two concurrent ratings of one reply: one wins', async () => {
    const results = await Promise.all([
      cloud.call(GUO, 'proposals.rate', { proposalId: SEED.replied, rating: '满意', comment: '' }),
      cloud.call(ZHANG, 'proposals.returnReply', { proposalId: SEED.replied, reason: '答复太笼统了' }),
    ])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
  })
})

describe('board, overdue, report, export, reminders', () => {
  test('the board filters by session, status, category and department', async () => {
    const past = (await cloud.ok(DEMO.teacher, 'proposals.board', { sessionId: SEED.pastSession })).items
    expect(past).toHaveLength(12)
    expect(past.every((p) => p.status !== 'draft')).toBe(true)
    const closed = (await cloud.ok(DEMO.teacher, 'proposals.board', { sessionId: SEED.pastSession, status: 'closed' }))
      .items
    expect(closed.length).toBeGreaterThan(5)
    expect(closed.every((p) => p.status === 'closed')).toBe(true)
    const canteen = (await cloud.ok(DEMO.teacher, 'proposals.board', { category: '后勤', department: '总务处' })).items
    expect(canteen.length).toBeGreaterThan(0)
    expect(canteen.every((p) => p.category === '后勤' && p.leadDept === '总务处')).toBe(true)
  })

  test('the chair sees the overdue list and a session report; others cannot', async () => {
    // The list is one session's: the current one (collecting, nothing due yet) unless another is asked for.
    expect((await cloud.ok(DEMO.chair, 'proposals.overdue', {})).items).toEqual([])
    const overdue = await cloud.ok(DEMO.chair, 'proposals.overdue', { sessionId: SEED.pastSession })
    expect(overdue.items.map((p) => p.title)).toEqual(['关于更新办公室电脑设备的建议'])
    expect(overdue.items[0].daysOverdue).toBeGreaterThan(300)
    expect(overdue.more).toBe(false)
    expect((await cloud.refused(DEMO.teacher, 'proposals.overdue', {})).code).toBe('FORBIDDEN')
    const report = await cloud.ok(DEMO.chair, 'proposals.report', { sessionId: SEED.pastSession })
    expect(report.total).toBe(12)
    expect(report.byCategory).toEqual([
      { key: '后勤', count: 5 },
      { key: '教学', count: 3 },
      { key: '福利', count: 2 },
      { key: '管理', count: 2 },
    ])
    // Final ratings: 满意 ×6 (incl. pp-12 after 再办理), 基本满意 ×3.
    expect(report.ratings).toEqual({
      rated: 9,
      satisfied: 6,
      basicallySatisfied: 3,
      unsatisfied: 0,
      satisfactionRate: 100,
      autoSatisfied: 0,
    })
    expect(report.replies.due).toBe(11)
    expect(report.replies.late).toBe(2) // pp-06 replied after 25 days, pp-09 never
    expect(report.overdue).toBe(1)
  })

  test('the report exports as an Excel workbook', async () => {
    const file = await cloud.ok(DEMO.chair, 'proposals.exportReport', { sessionId: SEED.pastSession })
    expect(file.fileName).toBe('五届四次教代会提案统计.xlsx')
    const book = XLSX.read(Buffer.from(file.contentBase64, 'base64'), { type: 'buffer' })
    expect(book.SheetNames).toEqual(['统计', '提案清单'])
    const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets['提案清单'], { header: 1 })
    expect(rows).toHaveLength(13)
    expect(rows[1][1]).toBe('关于改善教师午餐质量的建议')
  })

  test('reminders: the 主办 head before the date, head and committee after it, each once', async () => {
    cloud.ports.clock.set(new Date('2026-12-12T01:00:00Z'))
    const p = (await proposal(SEED.assigned)) as ProposalDoc
    const replyBy = p.assignment?.replyBy as string
    const jobCtx = cloud.ports
    cloud.ports.clock.set(new Date(`${replyBy}T01:00:00Z`))
    const due = await replyDueReminders.collect(jobCtx, jobCtx.clock.now())
    expect(due.filter((m) => m.key.includes(SEED.assigned)).map((m) => [m.memberId, m.title])).toEqual([
      ['m06', '提案答复期限将到'],
    ])
    cloud.ports.clock.set(new Date(Date.parse(`${replyBy}T01:00:00Z`) + 2 * 86400_000))
    const late = (await replyDueReminders.collect(jobCtx, jobCtx.clock.now())).filter((m) =>
      m.key.includes(SEED.assigned),
    )
    expect(late.map((m) => m.memberId).sort()).toEqual(['m03', 'm04', 'm05', 'm06'])
    expect(late.every((m) => m.title === '提案答复已逾期')).toBe(true)
    for (const m of late) expect(await cloud.ports.notifier.send(m)).toBe(true)
    const again = (await replyDueReminders.collect(jobCtx, jobCtx.clock.now())).filter((m) =>
      m.key.includes(SEED.assigned),
    )
    for (const m of again) expect(await cloud.ports.notifier.send(m)).toBe(false)
  })
})
