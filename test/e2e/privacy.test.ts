import type { Page } from 'playwright-core'
import { openApp, screen, signInAs, startE2E, withScreenshotOnFailure, type E2E } from '../support/e2e'

jest.setTimeout(120_000)

let e2e: E2E
let teacher: Page

beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

const switchFor = (page: Page, label: string) =>
  screen(page).locator('.switch-row', { hasText: label }).locator('input[type=checkbox]')

test('a privacy switch stays on after the page is reloaded', async () => {
  teacher = await e2e.newPhone()
  await withScreenshotOnFailure(
    () => [teacher],
    'privacy',
    async () => {
      await signInAs(teacher, e2e.cloud.url, '郭婷')
      await openApp(teacher, e2e.cloud.url, '/pages/me/index')
      const hideBirthday = switchFor(teacher, '对他人隐藏生日')
      await hideBirthday.waitFor({ state: 'attached' })
      expect(await hideBirthday.isChecked()).toBe(false)

      const saved = teacher.waitForResponse((response) =>
        (response.request().postData() ?? '').includes('members.setPrivacy'),
      )
      await screen(teacher).locator('.switch-row', { hasText: '对他人隐藏生日' }).locator('taro-switch-core').click()
      expect((await (await saved).json()).ok).toBe(true)

      await teacher.reload()
      await screen(teacher).getByText('隐私设置').waitFor()
      expect(await switchFor(teacher, '对他人隐藏生日').isChecked()).toBe(true)
      expect(await switchFor(teacher, '不接收生日祝福').isChecked()).toBe(false)
    },
  )
})
