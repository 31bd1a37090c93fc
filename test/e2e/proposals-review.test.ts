import type { Page } from 'playwright-core'
import { SEED } from '@/server/seed/proposals'
import { act, openApp, screen, see, startE2E, tap, withScreenshotOnFailure, type E2E } from '../support/e2e'
import { openProposal, chip } from '../support/e2e-steps'

jest.setTimeout(240_000)

/**
 * What the lifecycle e2e does not click: the committee's 不予立案 and 并案, its 答复退回 and the department's
 * second reply, and the public board's filters — on the seeded 五届五次教代会.
 */

let e2e: E2E

beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

const phoneFor = (who: string | 'newUser') => e2e.phoneFor(who)
const gone = (page: Page, text: string) => screen(page).getByText(text).first().waitFor({ state: 'hidden' })
const detail = (page: Page, id: string) => openProposal(page, e2e.cloud.url, id)

/** Opens the picker showing `current`, taps `option` in its wheel (a tap moves it under the bar), then 确定. */
async function pick(page: Page, current: string, option: string): Promise<void> {
  await screen(page).locator('.picker-box', { hasText: current }).first().click()
  // The overlay itself has no height (its sheet is fixed to the bottom): look for the visible sheet.
  const overlay = page.locator('.weui-picker').filter({ visible: true })
  await overlay.waitFor()
  const item = overlay.locator('.weui-picker__item', { hasText: option }).first()
  // Options beyond the wheel's window come into reach one tap at a time.
  for (let i = 0; i < 6; i += 1) {
    const box = await item.boundingBox()
    const bar = await overlay.locator('.weui-picker__indicator').first().boundingBox()
    if (!box || !bar) break
    const y = box.y + box.height / 2
    if (Math.abs(y - (bar.y + bar.height / 2)) < 4) break
    const target = Math.max(bar.y - 80, Math.min(bar.y + bar.height + 80, y))
    await page.mouse.move(box.x + box.width / 2, target)
    await page.mouse.down()
    await page.mouse.up()
    await page.waitForTimeout(400)
  }
  await overlay.locator('.weui-picker__action', { hasText: '确定' }).click()
  await overlay.waitFor({ state: 'hidden' })
}

/** The board's list: its section says how many, and these titles are (or are not) in it. */
async function boardShows(page: Page, count: number, present: string[], absent: string[]): Promise<void> {
  await see(page, `${count}件`)
  for (const title of present) await see(page, title)
  for (const title of absent) await gone(page, title)
}

const LIBRARY = '关于延长图书馆开放时间的建议' // SEED.submitted, 教学
const AIRCON = '关于改善教师办公室空调的建议' // SEED.accepted, 后勤
const HOMEWORK = '关于合理控制学生作业量的建议' // SEED.assigned, 教学, 教务处
const CHILDCARE = '关于设立教职工子女托管班的建议' // SEED.replied, 福利, 教务处
const RESTROOM = '关于增设教师休息室的建议' // SEED.draftReady, 福利

test('the board narrows by status, category and department', async () => {
  await withScreenshotOnFailure(
    () => e2e.phones(),
    'proposals-board-filters',
    async () => {
      const teacher = await phoneFor('胡军')
      await openApp(teacher, e2e.cloud.url, '/subpackages/proposals/board/index')
      await boardShows(teacher, 4, [LIBRARY, AIRCON, HOMEWORK, CHILDCARE], [RESTROOM])

      await pick(teacher, '全部状态', '办理中')
      await boardShows(teacher, 1, [HOMEWORK], [LIBRARY, AIRCON, CHILDCARE])
      await pick(teacher, '办理中', '全部状态')
      await boardShows(teacher, 4, [LIBRARY, CHILDCARE], [])

      await pick(teacher, '全部类别', '福利')
      await boardShows(teacher, 1, [CHILDCARE], [LIBRARY, AIRCON, HOMEWORK])
      await pick(teacher, '福利', '全部类别')

      await pick(teacher, '全部承办部门', '教务处')
      await boardShows(teacher, 2, [HOMEWORK, CHILDCARE], [LIBRARY, AIRCON])
    },
  )
})

test('不予立案 with a reason: it shows as 意见建议 and is still assigned', async () => {
  await withScreenshotOnFailure(
    () => e2e.phones(),
    'proposals-reject',
    async () => {
      const zhang = await phoneFor('张丽华')
      await openApp(zhang, e2e.cloud.url, '/subpackages/proposals/review/index')
      await screen(zhang).getByText(LIBRARY, { exact: false }).first().click()
      await chip(zhang, '不予立案')
      await see(zhang, '不予立案的理由')
      await screen(zhang).locator('textarea').first().fill('属于日常管理事项，转为意见建议由教务处办理')
      await act(zhang, 'proposals.review', () => tap(zhang, '确定不予立案'))
      await see(zhang, '转为意见建议，待交办')
      await see(zhang, '审查：不予立案，转为意见建议（属于日常管理事项，转为意见建议由教务处办理）')
      await chip(zhang, '教务处')
      await act(zhang, 'proposals.assign', () => tap(zhang, '确定交办'))
      await see(zhang, '办理中（意见建议）')

      // The proposer's colleagues see it on the board as 意见建议, with the department.
      const guo = await phoneFor('郭婷')
      await openApp(guo, e2e.cloud.url, '/subpackages/proposals/board/index')
      const row = screen(guo).locator('.link-row', { hasText: LIBRARY }).first()
      await row.getByText('办理中（意见建议）').waitFor()
      await row.getByText('主办：教务处').waitFor()
    },
  )
})

test('并案: the merged proposal and the one it joined both show the link', async () => {
  await withScreenshotOnFailure(
    () => e2e.phones(),
    'proposals-merge',
    async () => {
      // 郭婷 submits her ready draft (何平 and 马丽 already seconded it).
      const guo = await phoneFor('郭婷')
      await detail(guo, SEED.draftReady)
      await act(guo, 'proposals.submit', () => tap(guo, '提交提案'))
      await see(guo, '待审查')

      const zhang = await phoneFor('张丽华')
      await detail(zhang, SEED.draftReady)
      await chip(zhang, '并案')
      await chip(zhang, AIRCON)
      await screen(zhang).locator('textarea').first().fill('与空调提案同属办公条件改善，并案办理')
      await act(zhang, 'proposals.review', () => tap(zhang, '确定并案'))
      await see(zhang, '已并案')
      await see(zhang, `已并入：`)
      await screen(zhang).getByText(AIRCON, { exact: false }).first().click()
      await see(zhang, `并入本案：`)
      await see(zhang, RESTROOM)

      // The proposer sees where hers went.
      await detail(guo, SEED.draftReady)
      await see(guo, '已并案')
      await see(guo, AIRCON)
    },
  )
})

test('答复退回: the committee sends a reply back once with a reason; 教务处 sees it and replies again', async () => {
  await withScreenshotOnFailure(
    () => e2e.phones(),
    'proposals-return-reply',
    async () => {
      const zhang = await phoneFor('张丽华')
      await detail(zhang, SEED.replied)
      await see(zhang, '答复审查')
      await screen(zhang).locator('textarea').first().fill('答复过于笼统，请写明托管班开办的时间和地点')
      await act(zhang, 'proposals.returnReply', () => tap(zhang, '退回重新答复'))
      await see(zhang, '办理中')

      const zhao = await phoneFor('赵明')
      await openApp(zhao, e2e.cloud.url, '/subpackages/proposals/reply/index')
      await screen(zhao).getByText(CHILDCARE, { exact: false }).first().click()
      await see(zhao, '上次答复被提案委员会退回')
      await see(zhao, '已被提案委员会退回：答复过于笼统，请写明托管班开办的时间和地点')
      await chip(zhao, '列入计划')
      await screen(zhao)
        .locator('textarea')
        .first()
        .fill('教务处已与工会商定：下学期起每天放学后在一楼阅览室开办托管班，由退休教师志愿者看护。')
      await act(zhao, 'proposals.reply', () => tap(zhao, '提交答复'))
      await see(zhao, '已答复，待评价')
      await see(zhao, '第2次答复')

      // Only once: the committee can no longer send this one back.
      await detail(zhang, SEED.replied)
      await see(zhang, '第2次答复')
      await see(zhang, '陈志强：交办：主办教务处')
      expect(await screen(zhang).getByText('退回重新答复', { exact: true }).count()).toBe(0)
    },
  )
})
