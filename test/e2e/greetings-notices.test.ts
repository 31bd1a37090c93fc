import fs from 'fs'
import path from 'path'
import type { Page } from 'playwright-core'
import { newRequestKey } from '@/core/notices/model'
import { openApp, screen, signInAs, textBox, withScreenshotOnFailure } from '../support/e2e'
import { apiAs, startCareE2E, type CareE2E } from '../support/e2e-care'

jest.setTimeout(180_000)

const SHOTS = path.resolve(__dirname, '..', '..', '.tmp', 'care-screens')
let e2e: CareE2E
const phones: Page[] = []

beforeAll(async () => {
  e2e = await startCareE2E()
  fs.mkdirSync(SHOTS, { recursive: true })
})
afterAll(async () => {
  await e2e.close()
})

async function phoneOf(who: string): Promise<Page> {
  const page = await e2e.newPhone()
  phones.push(page)
  await signInAs(page, e2e.cloud.url, who)
  return page
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) })

test('郭婷 gets her birthday card; the chair publishes to 语文组, sees 0/8 → 1/8 and nudges the rest; reminders send once', async () => {
  await withScreenshotOnFailure(
    () => phones,
    'greetings-notices',
    async () => {
      const url = e2e.cloud.url
      // 08:30 in Shanghai on 3 December: 郭婷's birthday.
      await e2e.setClock('2026-12-03T00:30:00Z')
      expect(await e2e.trigger('daily')).toContain('发送祝福 1 条')

      // Her card greets her on 首页 when she opens the app, and stays in her messages.
      const guo = await phoneOf('郭婷')
      await screen(guo).getByText('郭婷老师，生日快乐！').waitFor()
      await shot(guo, 'home-birthday')
      await openApp(guo, url, '/subpackages/messages/list/index')
      await screen(guo).getByText('郭婷老师，生日快乐！').first().waitFor()
      await screen(guo)
        .getByText(/郭婷老师，祝您生日快乐/)
        .first()
        .waitFor()
      await shot(guo, 'messages-birthday')

      const he = await phoneOf('何平')
      await screen(he).getByText('全部通知').waitFor()
      expect(
        await screen(he)
          .getByText(/生日快乐/)
          .count(),
      ).toBe(0)
      await openApp(he, url, '/subpackages/messages/list/index')
      await screen(he).getByText('消息', { exact: true }).waitFor()
      expect(
        await screen(he)
          .getByText(/生日快乐/)
          .count(),
      ).toBe(0)

      // The chair publishes a notice to 语文组.
      const chair = await phoneOf('王建国')
      await openApp(chair, url, '/subpackages/notices/edit/index')
      await textBox(chair, '例如：关于教职工体检的通知').fill('语文组教研活动通知')
      await screen(chair).locator('textarea').fill('本周三下午第三节课集体备课。\n请带好教材。')
      await screen(chair).getByText('工会小组', { exact: true }).click()
      await screen(chair)
        .getByText(/语文组（8人）/)
        .click()
      await shot(chair, 'notice-edit')
      await screen(chair).locator('.big-button', { hasText: '发布' }).click()
      await chair
        .locator('.taro-modal__foot >> text=发布')
        .or(chair.getByRole('button', { name: '发布' }).last())
        .first()
        .click()
      await screen(chair).getByText('已读 0/8').waitFor()
      await shot(chair, 'notice-detail-chair')
      await screen(chair).getByText('已读 0/8').click()
      await screen(chair).locator('.receipts__count', { hasText: '0/8' }).waitFor()

      // 郭婷 sees it unread in her list and opens it.
      await openApp(guo, url, '/subpackages/notices/list/index')
      const row = screen(guo).locator('.notices__row', { hasText: '语文组教研活动通知' })
      await row.locator('.care-dot').waitFor()
      await shot(guo, 'notices-list-unread')
      await row.click()
      await screen(guo).getByText('本周三下午第三节课集体备课。').waitFor()
      await shot(guo, 'notice-detail')

      // 何平 (数学组) does not see it.
      await openApp(he, url, '/subpackages/notices/list/index')
      await screen(he).getByText('关于2026年度教职工体检的通知').waitFor()
      expect(await screen(he).getByText('语文组教研活动通知').count()).toBe(0)

      // The chair sees 1/8 and nudges the six of the other seven who can be reached (彭丽 has not bound WeChat
      // and is to be told in person), once today.
      await chair.reload()
      await screen(chair).locator('.receipts__count', { hasText: '1/8' }).waitFor()
      await screen(chair).getByText('另有1人未绑定微信，无法提醒，请您当面告知').waitFor()
      await screen(chair).getByText('提醒未读的 6 人').click()
      await screen(chair).getByText('今天已提醒过未读的老师，明天可以再提醒').waitFor()
      await shot(chair, 'notice-receipts')

      // Reminders: 胡军 signed up for an activity starting tomorrow morning gets one reminder, not two.
      const tomorrow = await apiAs<{ id: string }>(chair, url, 'activities.create', {
        title: '教工羽毛球友谊赛',
        startAt: '2026-12-04T07:00:00+08:00',
        endAt: '2026-12-04T09:00:00+08:00',
        place: '学校体育馆',
        signupOpenAt: '2026-12-01T08:00:00+08:00',
        signupCloseAt: '2026-12-04T06:00:00+08:00',
        audience: 'all',
        quota: 20,
        cancelPolicy: 'anytime',
        needsApproval: false,
        rosterPublic: true,
      })
      const hu = await phoneOf('胡军')
      await apiAs(hu, url, 'activities.signUp', { activityId: tomorrow.id })
      expect(await e2e.trigger('reminders')).toMatch(/发送提醒 [1-9]\d* 条/)
      expect(await e2e.trigger('reminders')).toContain('发送提醒 0 条')
      await openApp(hu, url, '/subpackages/messages/list/index')
      await screen(hu).getByText('活动提醒', { exact: true }).first().waitFor()
      expect(await screen(hu).getByText('活动提醒', { exact: true }).count()).toBe(1)
      await shot(hu, 'messages-reminder')
    },
  )
})

test('the chair prepares birthdays: upcoming list with ages, gift marked, 季度生日会, greeting settings; 郭婷 replies to 体检', async () => {
  await withScreenshotOnFailure(
    () => phones,
    'birthdays-chair',
    async () => {
      const url = e2e.cloud.url
      await e2e.setClock('2026-12-01T02:00:00Z')
      const chair = await phoneOf('王建国')
      await openApp(chair, url, '/subpackages/care/birthdays/index')
      const guoRow = screen(chair).locator('.care-row', { hasText: '郭婷' })
      await guoRow.getByText('（36岁）').waitFor()
      await guoRow.getByText('登记已送').click()
      await guoRow.getByText('已送生日蛋糕').waitFor()
      await shot(chair, 'birthdays-week')
      await screen(chair).getByText('生日会', { exact: true }).click()
      await screen(chair).getByText('2026年第4季度').waitFor()
      await screen(chair)
        .getByText(/季度生日会：共 \d+ 人，已送礼物 1 人/)
        .waitFor()
      await shot(chair, 'birthdays-quarter')
      await openApp(chair, url, '/subpackages/care/settings/index')
      await screen(chair).getByText('给退休老师发送').waitFor()
      await shot(chair, 'greeting-settings')

      const guo = await phoneOf('郭婷')
      await openApp(guo, url, '/subpackages/notices/list/index')
      await screen(guo).getByText('关于2026年度教职工体检的通知').click()
      await screen(guo).getByText('请回复', { exact: true }).waitFor()
      await screen(guo).locator('.big-button', { hasText: '不参加' }).click()
      await screen(guo).getByText('您已回复：不参加').waitFor()
      await shot(guo, 'notice-reply')
      // Colleagues never get a birthday list.
      const refusal = await guo.request.post(`${url}/api/api`, {
        data: { action: 'greetings.upcoming', data: { range: 'week' } },
      })
      expect(((await refusal.json()) as { ok: boolean }).ok).toBe(false)
    },
  )
})

test('the chair corrects a published notice; 郭婷, who had read it, is told and reads the new room', async () => {
  await withScreenshotOnFailure(
    () => phones,
    'notice-correct',
    async () => {
      const url = e2e.cloud.url
      const chair = await phoneOf('王建国')
      const notice = await apiAs<{ id: string }>(chair, url, 'notices.publish', {
        requestKey: newRequestKey(),
        title: '语文组公开课安排',
        body: '周四第二节课在三楼会议室听课。',
        audience: 'groups',
        groupIds: ['g1'],
      })
      const guo = await phoneOf('郭婷')
      await openApp(guo, url, `/subpackages/notices/detail/index?id=${notice.id}`)
      await screen(guo).getByText('周四第二节课在三楼会议室听课。').waitFor()

      await openApp(chair, url, `/subpackages/notices/detail/index?id=${notice.id}`)
      await screen(chair).locator('.big-button', { hasText: '更正内容' }).click()
      await screen(chair).locator('.notice__correct-body textarea').fill('周四第二节课改在图书馆二楼听课。')
      await shot(chair, 'notice-correct-form')
      await screen(chair).locator('.big-button', { hasText: '保存更正' }).click()
      await screen(chair).getByText('周四第二节课改在图书馆二楼听课。').waitFor()
      await screen(chair)
        .getByText(/^已于 .+ 更正$/)
        .waitFor()
      expect(await screen(chair).getByText('周四第二节课在三楼会议室听课。').count()).toBe(0)

      await openApp(guo, url, '/subpackages/messages/list/index')
      await screen(guo).getByText('【已更正】语文组公开课安排').first().click()
      await screen(guo).getByText('周四第二节课改在图书馆二楼听课。').waitFor()
      await screen(guo)
        .getByText(/^已于 .+ 更正$/)
        .waitFor()
      await shot(guo, 'notice-corrected')
    },
  )
})
