import { openApp, screen, see, shot, startE2E, withScreenshotOnFailure, type E2E } from '../support/e2e'
import { publishNoticeToGroup } from '../support/e2e-steps'

// On the CloudBase emulator: the built `api` bundle answers every tap, 20 ms a database request.
jest.setTimeout(120_000)

let e2e: E2E

beforeAll(async () => {
  e2e = await startE2E({ runtime: 'cloudbase-emulator' })
})
afterAll(async () => {
  await e2e?.close()
})

test('on the emulator: the chair publishes to 语文组 (0/8), 郭婷 opens it, the chair sees her read it (1/8)', async () => {
  await withScreenshotOnFailure(
    () => e2e.phones(),
    'emulator-notices',
    async () => {
      const url = e2e.cloud.url
      const chair = await e2e.phoneFor('王建国')
      await publishNoticeToGroup(chair, url, {
        title: '语文组教研活动通知',
        body: '本周三下午第三节课集体备课。',
        group: /语文组（8人）/,
      })
      await see(chair, '已读 0/8')
      await shot(chair, 'emulator-notice-published')

      const guo = await e2e.phoneFor('郭婷')
      await openApp(guo, url, '/subpackages/notices/list/index')
      const row = screen(guo).locator('.notices__row', { hasText: '语文组教研活动通知' })
      await row.locator('.care-dot').waitFor()
      await row.click()
      await see(guo, '本周三下午第三节课集体备课。')
      await shot(guo, 'emulator-notice-read')

      await screen(chair).getByText('已读 0/8').click()
      await screen(chair).locator('.receipts__count', { hasText: '1/8' }).waitFor()
      await screen(chair).locator('.care-row', { hasText: '郭婷' }).getByText(/已读$/).waitFor()
      await shot(chair, 'emulator-notice-receipts')
    },
  )
})
