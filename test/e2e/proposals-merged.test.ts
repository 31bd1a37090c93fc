import type { Page } from 'playwright-core'
import { ROUTES } from '@/core/shared/routes'
import { SEED } from '@/server/seed/proposals'
import { act, openApp, screen, see, startE2E, tap, withScreenshotOnFailure, type E2E } from '../support/e2e'
import { openProposal, chip } from '../support/e2e-steps'

jest.setTimeout(240_000)

/**
 * 并案 as the merged proposal's proposer lives it (issue 14 item 5): her proposal joins another, the main
 * one is answered, she reads that reply on her own proposal, rates it, and hers closes with the main one.
 */

let e2e: E2E

beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

const detail = (page: Page, id: string) => openProposal(page, e2e.cloud.url, id)

const AIRCON = '关于改善教师办公室空调的建议' // SEED.accepted: 总务处's, proposed by 徐慧

test('the merged proposer reads the main reply on her proposal, rates it, and closes with it', async () => {
  await withScreenshotOnFailure(
    () => e2e.phones(),
    'proposals-merged-rating',
    async () => {
      // 郭婷 submits her ready draft; the committee merges it into the 空调 proposal and assigns that one.
      const guo = await e2e.phoneFor('郭婷')
      await detail(guo, SEED.draftReady)
      await act(guo, 'proposals.submit', () => tap(guo, '提交提案'))
      const zhang = await e2e.phoneFor('张丽华')
      await detail(zhang, SEED.draftReady)
      await chip(zhang, '并案')
      await chip(zhang, AIRCON)
      await screen(zhang).locator('textarea').first().fill('与空调提案同属办公条件改善，并案办理')
      await act(zhang, 'proposals.review', () => tap(zhang, '确定并案'))
      await detail(zhang, SEED.accepted)
      await chip(zhang, '总务处')
      await act(zhang, 'proposals.assign', () => tap(zhang, '确定交办'))

      // 总务处 answers the main proposal.
      const sun = await e2e.phoneFor('孙强')
      await openApp(sun, e2e.cloud.url, ROUTES.proposalReply)
      await screen(sun).getByText(AIRCON, { exact: false }).first().click()
      await chip(sun, '列入计划')
      await screen(sun)
        .locator('textarea')
        .first()
        .fill('总务处已列入寒假维修计划：更换三间办公室的老旧空调，并为教师休息区加装一台。')
      await act(sun, 'proposals.reply', () => tap(sun, '提交答复'))

      // 郭婷 reads it on her own proposal and rates it.
      await detail(guo, SEED.draftReady)
      await see(guo, '主提案的答复')
      await see(guo, '总务处已列入寒假维修计划')
      await see(guo, '请评价主提案的这次答复')
      await chip(guo, '基本满意')
      await act(guo, 'proposals.rate', () => tap(guo, '提交评价'))
      await see(guo, '提案人评价')
      await screen(guo).getByText('提交评价').waitFor({ state: 'hidden' })

      // The main proposer's rating closes both: hers reads 已办结, 随主提案办结.
      const xu = await e2e.phoneFor('徐慧')
      await detail(xu, SEED.accepted)
      await chip(xu, '满意')
      await act(xu, 'proposals.rate', () => tap(xu, '提交评价'))
      await detail(guo, SEED.draftReady)
      await see(guo, '已办结')
      await see(guo, '随主提案办结')
    },
  )
})
