import type { Page } from 'playwright-core'
import { openApp, screen, signInAs, startE2E, textBox, withScreenshotOnFailure, type E2E } from '../support/e2e'

jest.setTimeout(120_000)

let e2e: E2E
const pages: Page[] = []

beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

async function phone(): Promise<Page> {
  const page = await e2e.newPhone()
  pages.push(page)
  return page
}

/** The chair reads a member's invite code the way they would to send it: from that member's page. */
async function inviteCodeOf(chair: Page, name: string): Promise<string> {
  await screen(chair).getByText('会员名册管理').click()
  await textBox(chair, '搜索姓名或工号').fill(name)
  // The search applies after a short pause and re-renders the list: wait for it before tapping a row.
  await screen(chair).getByText('共 1 人').waitFor()
  await screen(chair).locator('.link-row', { hasText: name }).click()
  const code = (await screen(chair).locator('.member__invite-code').textContent())?.trim()
  if (!code) throw new Error(`no invite code on ${name}'s page`)
  return code
}

test('a new WeChat user binds with the invite code; a wrong code and a second user are refused', async () => {
  await withScreenshotOnFailure(
    () => pages,
    'binding',
    async () => {
      const chair = await phone()
      await signInAs(chair, e2e.cloud.url, '王建国')
      const code = await inviteCodeOf(chair, '曹阳')
      expect(code).toMatch(/^[A-Z0-9]{8}$/)

      const newcomer = await phone()
      await signInAs(newcomer, e2e.cloud.url, 'newUser')
      await screen(newcomer).getByText('绑定会员信息', { exact: true }).click()
      const codeBox = textBox(newcomer, '请输入邀请码')

      await codeBox.fill('ZZZZ9999')
      await screen(newcomer).getByText('确认绑定').click()
      await screen(newcomer)
        .getByText(/邀请码不正确/)
        .first()
        .waitFor()

      await codeBox.fill(code.toLowerCase()) // typed in lower case: the page upper-cases it
      await screen(newcomer).getByText('确认绑定').click()
      await screen(newcomer).getByText('绑定成功').first().waitFor()
      await newcomer.waitForURL(/pages\/me\/index/)
      await screen(newcomer).locator('.section__title', { hasText: '曹阳' }).waitFor()
      await screen(newcomer).getByText('数学组').waitFor()

      // Someone else with the same code (say, a forwarded message) is refused in plain Chinese.
      const stranger = await phone()
      await signInAs(stranger, e2e.cloud.url, 'newUser')
      await openApp(stranger, e2e.cloud.url, `/pages/bind/index?code=${code}`)
      expect(await textBox(stranger, '请输入邀请码').inputValue()).toBe(code)
      await screen(stranger).getByText('确认绑定').click()
      await screen(stranger).locator('.alert--error').waitFor()
      expect(await screen(stranger).locator('.alert--error').textContent()).toMatch(/[\u4e00-\u9fa5]/)
      expect(stranger.url()).toMatch(/pages\/bind\/index/)

      // The chair sees that refusal in 绑定记录, with the member it concerned.
      await openApp(chair, e2e.cloud.url, '/subpackages/admin/roster/index')
      await screen(chair).getByText('绑定记录', { exact: true }).click()
      const entry = screen(chair).locator('.bind-log__row', { hasText: '涉及会员：曹阳' })
      await entry.waitFor()
      expect(await entry.textContent()).toContain('邀请码')
    },
  )
})
