import type { Page } from 'playwright-core'
import { openProposal, chip } from '../support/e2e-steps'
import {
  act,
  openApp,
  screen,
  see,
  signInAs,
  startE2E,
  tap,
  textBox,
  withScreenshotOnFailure,
  type E2E,
} from '../support/e2e'

jest.setTimeout(240_000)

let e2e: E2E
const phones: Page[] = []
/** Every /api/ response body any browser received, per person, to prove an anonymous author never leaks. */
const responses = new Map<string, string[]>()

beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

async function phoneFor(who: string): Promise<Page> {
  const page = await e2e.newPhone()
  phones.push(page)
  const bodies: string[] = []
  responses.set(who, bodies)
  page.on('response', (response) => {
    if (!response.url().includes('/api/')) return
    void response
      .text()
      .then((text) => bodies.push(`${response.request().postData() ?? ''} => ${text}`))
      .catch(() => undefined)
  })
  await signInAs(page, e2e.cloud.url, who)
  return page
}

const detail = (page: Page, id: string) => openProposal(page, e2e.cloud.url, id)

test('one proposal from draft to 办结 by five people, and an anonymous suggestion nobody can trace', async () => {
  await withScreenshotOnFailure(
    () => phones,
    'proposals-lifecycle',
    async () => {
      // 郭婷 writes the draft.
      const guo = await phoneFor('郭婷')
      await openApp(guo, e2e.cloud.url, '/subpackages/proposals/edit/index')
      await textBox(guo, '关于……的建议').fill('关于教学楼每层增设饮水机的建议')
      const areas = screen(guo).locator('textarea')
      await areas
        .nth(0)
        .fill(
          '学校教学楼只有一层有饮水机，高年级老师课间需要下楼接水，往返一次要五六分钟，常常来不及，只好不喝水上课，影响老师的身体健康。',
        )
      await areas.nth(1).fill('建议在教学楼每层走廊增设一台温热饮水机，由总务处统一采购并定期更换滤芯、检测水质。')
      await chip(guo, '后勤')
      await chip(guo, '教务处')
      await act(guo, 'proposals.saveDraft', () => tap(guo, '保存草稿'))
      await guo.waitForURL(/detail\/index\?id=/)
      const id = new URL(guo.url().replace('#', '')).searchParams.get('id') as string
      await see(guo, '征集附议并提交')

      // 何平 and 马丽 second it from the list of drafts open for 附议.
      for (const name of ['何平', '马丽']) {
        const p = await phoneFor(name)
        await openApp(p, e2e.cloud.url, '/subpackages/proposals/mine/index')
        await screen(p).getByText('关于教学楼每层增设饮水机的建议').first().click()
        await act(p, 'proposals.second', () => tap(p, '我附议'))
        await see(p, '撤回附议')
      }

      // 郭婷 submits: it gets its number.
      await detail(guo, id)
      await see(guo, '已有2位附议')
      await act(guo, 'proposals.submit', () => tap(guo, '提交提案'))
      await see(guo, '待审查')

      // 张丽华 (提案委员会) accepts it and assigns it to 教务处.
      const zhang = await phoneFor('张丽华')
      await openApp(zhang, e2e.cloud.url, '/subpackages/proposals/review/index')
      await screen(zhang).getByText('关于教学楼每层增设饮水机的建议', { exact: false }).first().click()
      await act(zhang, 'proposals.review', () => tap(zhang, '确定立案'))
      await see(zhang, '确定交办')
      await chip(zhang, '教务处')
      await act(zhang, 'proposals.assign', () => tap(zhang, '确定交办'))
      await see(zhang, '办理中')

      // 赵明 (教务处) replies.
      const zhao = await phoneFor('赵明')
      await openApp(zhao, e2e.cloud.url, '/subpackages/proposals/reply/index')
      await screen(zhao).getByText('关于教学楼每层增设饮水机的建议', { exact: false }).first().click()
      await chip(zhao, '列入计划')
      await screen(zhao)
        .locator('textarea')
        .first()
        .fill('教务处已会同总务处研究，寒假期间为教学楼每层安装温热饮水机。')
      await act(zhao, 'proposals.reply', () => tap(zhao, '提交答复'))
      await see(zhao, '已答复，待评价')

      // 郭婷 is not satisfied: back to 教务处 for 再办理.
      await detail(guo, id)
      await chip(guo, '不满意')
      await screen(guo).locator('textarea').first().fill('寒假太晚了，希望本学期内就能装好')
      await act(guo, 'proposals.rate', () => tap(guo, '提交评价'))
      await see(guo, '办理中')

      // 赵明 replies again.
      await detail(zhao, id)
      await see(zhao, '提案人对上次答复不满意')
      await chip(zhao, '已解决')
      await screen(zhao).locator('textarea').first().fill('已调整采购计划，饮水机已于本周安装完毕，请老师们使用。')
      await act(zhao, 'proposals.reply', () => tap(zhao, '提交答复'))

      // 郭婷 is satisfied: 办结.
      await detail(guo, id)
      await chip(guo, '满意')
      await act(guo, 'proposals.rate', () => tap(guo, '提交评价'))
      await see(guo, '已办结')
      await see(guo, '郭婷：评价：满意，办结')

      // The public board shows it to any teacher, with the reply and rating.
      const teacher = await phoneFor('胡军')
      await detail(teacher, id)
      await see(teacher, '已调整采购计划')
      await see(teacher, '已办结')

      // 林小燕 makes an anonymous suggestion.
      const author = await phoneFor('林小燕')
      await openApp(author, e2e.cloud.url, '/subpackages/proposals/suggestions/index')
      await textBox(author, '一句话说清楚').fill('教师阅览角增加期刊')
      await screen(author)
        .locator('textarea')
        .first()
        .fill('建议在图书馆教师阅览角增加几种教育类期刊，方便老师们课余阅读。')
      await act(author, 'suggestions.submit', () => tap(author, '提交建议'))

      // The committee and the chair see it, without any trace of who wrote it.
      await openApp(zhang, e2e.cloud.url, '/subpackages/proposals/suggestions/index')
      await see(zhang, '教师阅览角增加期刊')
      const chair = await phoneFor('王建国')
      await openApp(chair, e2e.cloud.url, '/subpackages/proposals/suggestions/index')
      await see(chair, '教师阅览角增加期刊')
      await zhang.waitForTimeout(300)

      const everyoneElse = [...responses.entries()].filter(([who]) => who !== '林小燕').flatMap(([, bodies]) => bodies)
      expect(everyoneElse.join('\n')).toContain('教师阅览角增加期刊')
      for (const trace of ['林小燕', 'demo-m18', '"m18"', 'T1018']) expect(everyoneElse.join('\n')).not.toContain(trace)
      // The author's own browser got nothing back that ties the suggestion to them either.
      const own = (responses.get('林小燕') ?? []).filter((b) => b.startsWith('{"action":"suggestions.'))
      expect(own.length).toBeGreaterThan(0)
      for (const trace of ['林小燕', 'm18']) expect(own.join('\n')).not.toContain(trace)
    },
  )
})
