import type { Page } from 'playwright-core'
import { pageLink, ROUTES } from '@/core/shared/routes'
import { act, openApp, screen, see, tap, textBox } from './e2e'

/**
 * Steps a chair or a teacher takes in more than one browser test, by clicking as they would. Each waits until
 * the screen shows that the step is done.
 */

/** From 首页: 发起活动 with a title, place and quota (the form's defaults for the rest), published. */
export async function createActivity(
  chair: Page,
  activity: { title: string; place: string; quota: number },
): Promise<string> {
  await tap(chair, '发起活动')
  await textBox(chair, '例如：教职工乒乓球赛').fill(activity.title)
  await textBox(chair, '例如：学校体育馆').fill(activity.place)
  await textBox(chair, '例如：30').fill(String(activity.quota))
  await act(chair, 'activities.create', () => tap(chair, '发布活动'))
  await chair.waitForURL(/pages\/activity\/index\?id=/)
  await see(chair, `共${activity.quota}个名额，剩余${activity.quota}个`)
  return new URL(chair.url().replace('#', '')).searchParams.get('id') as string
}

/** Opens an activity's page, as the link in a message or the poster's QR code does. */
export function openActivity(page: Page, baseUrl: string, id: string): Promise<void> {
  return openApp(page, baseUrl, `/pages/activity/index?id=${id}`)
}

/** Cancels this person's sign-up from the activity's page, confirming the dialog. */
export async function cancelSignUp(page: Page): Promise<void> {
  await tap(page, '取消报名')
  // The form's picker wheels hold hidden 确定 buttons too: tap the dialog's, the visible one.
  await act(page, 'activities.cancel', () => page.locator('text="确定" >> visible=true').last().click())
  await see(page, '已取消报名')
}

/** 发布通知 to one 工会小组 (e.g. /语文组（8人）/), confirmed; ends on the published notice. */
export async function publishNoticeToGroup(
  chair: Page,
  baseUrl: string,
  notice: { title: string; body: string; group: RegExp },
): Promise<void> {
  await openApp(chair, baseUrl, '/subpackages/notices/edit/index')
  await textBox(chair, '例如：关于教职工体检的通知').fill(notice.title)
  await screen(chair).locator('textarea').fill(notice.body)
  await screen(chair).getByText('工会小组', { exact: true }).click()
  await screen(chair).getByText(notice.group).click()
  await screen(chair).locator('.big-button', { hasText: '发布' }).click()
  await act(chair, 'notices.publish', () =>
    chair
      .locator('.taro-modal__foot >> text=发布')
      .or(chair.getByRole('button', { name: '发布' }).last())
      .first()
      .click(),
  )
}

/** Opens a proposal's page, as a message's link does. */
export function openProposal(page: Page, baseUrl: string, id: string): Promise<void> {
  return openApp(page, baseUrl, pageLink(ROUTES.proposal, { id }))
}

/** Taps the n-th choice chip showing this text (0: the first), e.g. 教务处 is offered as 主办 and as 协办. */
export function chip(page: Page, text: string, nth = 0): Promise<void> {
  return screen(page).locator('.chips__item', { hasText: text }).nth(nth).click()
}
