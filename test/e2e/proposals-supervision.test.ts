import type { Page } from 'playwright-core'
import { addDays } from '@/core/shared/shanghai-time'
import { SEED } from '@/server/seed/proposals'
import { act, screen, see, startE2E, tap, withScreenshotOnFailure, type E2E } from '../support/e2e'
import { openProposal } from '../support/e2e-steps'

jest.setTimeout(240_000)

/**
 * 督办 on the seeded 作业量 proposal (教务处 leads it): the committee urges, 教务处 asks for 延期, the chair
 * approves, and the page shows the new 答复期限.
 */

let e2e: E2E

beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

const detail = (page: Page, id: string) => openProposal(page, e2e.cloud.url, id)
const box = (page: Page, placeholder: string) => screen(page).locator(`textarea[placeholder="${placeholder}"]`).first()

/** The reply date the page shows under 办理情况 (the seed's is relative to the day it ran). */
async function replyByOn(page: Page): Promise<string> {
  const line = await screen(page)
    .getByText(/答复期限：\d{4}-\d\d-\d\d/)
    .first()
    .textContent()
  const date = /答复期限：(\d{4}-\d\d-\d\d)/.exec(line ?? '')?.[1]
  if (!date) throw new Error(`no reply date in 「${line}」`)
  return date
}

test('督办: the committee urges, 教务处 asks for 延期, the chair approves, and the page shows the new date', async () => {
  await withScreenshotOnFailure(
    () => e2e.phones(),
    'proposals-supervision',
    async () => {
      const zhang = await e2e.phoneFor('张丽华')
      await detail(zhang, SEED.assigned)
      await see(zhang, '督办')
      const replyBy = await replyByOn(zhang)
      await box(zhang, '例如：已过答复期限，请于本周内答复').fill('老师们很关心，请抓紧办理')
      await act(zhang, 'proposals.urge', () => tap(zhang, '催办'))
      await see(zhang, '张丽华：催办：老师们很关心，请抓紧办理')

      const zhao = await e2e.phoneFor('赵明')
      await detail(zhao, SEED.assigned)
      await see(zhao, `现在的答复期限是${replyBy}`)
      const later = addDays(replyBy, 14)
      await tap(zhao, '延后两周')
      await box(zhao, '例如：需要先听取各年级组的意见').fill('需要先听取各年级组的意见再答复')
      await act(zhao, 'proposals.requestExtension', () => tap(zhao, '申请延期'))
      await see(zhao, `赵明申请把答复期限由${replyBy}延至${later}`)
      await see(zhao, `赵明：申请延期至${later}：需要先听取各年级组的意见再答复`)

      const chair = await e2e.phoneFor('王建国')
      await detail(chair, SEED.assigned)
      await see(chair, `赵明申请把答复期限由${replyBy}延至${later}`)
      await act(chair, 'proposals.decideExtension', () => tap(chair, `同意延期至${later}`))
      await see(chair, `王建国：同意延期至${later}`)
      expect(await replyByOn(chair)).toBe(later)

      // 教务处 sees the new date and the decision.
      await detail(zhao, SEED.assigned)
      await see(zhao, `王建国已同意延期，答复期限延至${later}`)
      expect(await replyByOn(zhao)).toBe(later)
    },
  )
})
