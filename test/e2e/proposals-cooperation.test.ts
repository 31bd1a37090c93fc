import type { Page } from 'playwright-core'
import { SEED } from '@/server/seed/proposals'
import { act, openApp, screen, see, startE2E, tap, withScreenshotOnFailure, type E2E } from '../support/e2e'
import { openProposal, chip } from '../support/e2e-steps'

jest.setTimeout(240_000)

/**
 * 协办 on the seeded 五届五次教代会: the committee assigns the 空调 proposal to 总务处 with 教务处 协办; 教务处's
 * head finds it under 协办的提案, gives the 协办意见; 总务处's head reads it above the reply form and replies.
 */

let e2e: E2E

beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

const phoneFor = (who: string) => e2e.phoneFor(who)
const detail = (page: Page, id: string) => openProposal(page, e2e.cloud.url, id)
const replyQueue = (page: Page) => openApp(page, e2e.cloud.url, '/subpackages/proposals/reply/index')

const AIRCON = '关于改善教师办公室空调的建议' // SEED.accepted, suggested 总务处
const OPINION = '教务处可协调各年级调整课表，配合空调检修的时间安排，检修期间借用阅览室上课。'

test('协办: the 协办 head gives the opinion from 协办的提案; the 主办 head reads it while replying', async () => {
  await withScreenshotOnFailure(
    () => e2e.phones(),
    'proposals-cooperation',
    async () => {
      // 张丽华 assigns it: 主办 总务处 (preselected, as suggested), 协办 教务处 (the second 教务处 chip).
      const zhang = await phoneFor('张丽华')
      await detail(zhang, SEED.accepted)
      await see(zhang, '确定交办')
      await chip(zhang, '教务处', 1)
      await act(zhang, 'proposals.assign', () => tap(zhang, '确定交办'))
      await see(zhang, '主办：总务处；协办：教务处')

      // 赵明 (教务处) finds it under 协办的提案 and gives the department's opinion.
      const zhao = await phoneFor('赵明')
      await replyQueue(zhao)
      await chip(zhao, '协办的提案')
      await see(zhao, '待提交协办意见')
      await screen(zhao).getByText(AIRCON, { exact: false }).first().click()
      await see(zhao, '请写下教务处的协办意见')
      await screen(zhao).locator('textarea').first().fill(OPINION)
      await act(zhao, 'proposals.cooperate', () => tap(zhao, '提交协办意见'))
      await see(zhao, '教务处的协办意见')
      await see(zhao, OPINION)
      await see(zhao, '赵明：教务处提交协办意见')

      // Back in his queue it is no longer waiting.
      await replyQueue(zhao)
      await chip(zhao, '协办的提案')
      await see(zhao, '没有待提交协办意见的提案')
      await see(zhao, '已提交协办意见')

      // 孙强 (总务处) opens it from his queue: the opinion is above the reply form.
      const sun = await phoneFor('孙强')
      await replyQueue(sun)
      await screen(sun).getByText(AIRCON, { exact: false }).first().click()
      await see(sun, '教务处的协办意见')
      await see(sun, OPINION)
      await see(sun, '总务处答复')
      await chip(sun, '列入计划')
      await screen(sun)
        .locator('textarea')
        .first()
        .fill('总务处已联系厂家，暑假期间更换全部办公室空调；检修时间与教务处商定，借用阅览室上课。')
      await act(sun, 'proposals.reply', () => tap(sun, '提交答复'))
      await see(sun, '已答复，待评价')
      // The opinion stays on the page after the reply.
      await see(sun, '教务处的协办意见')
    },
  )
})
