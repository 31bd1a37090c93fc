import * as XLSX from '@e965/xlsx'
import type { Page } from 'playwright-core'
import { dispatch } from '@/server/dispatch'
import { act, openApp, screen, see, startE2E, tap, textBox, withScreenshotOnFailure, type E2E } from '../support/e2e'

jest.setTimeout(240_000)

let e2e: E2E

beforeAll(async () => {
  e2e = await startE2E({ settableClock: true })
})
afterAll(async () => {
  await e2e?.close()
})

const phoneFor = (who: string | 'newUser') => e2e.phoneFor(who)
const activity = (page: Page, id: string) => openApp(page, e2e.cloud.url, `/pages/activity/index?id=${id}`)

test('chair creates (quota 1) → QR poster → A signs up, B waits → A cancels, B promoted → check-in → result → export', async () => {
  await withScreenshotOnFailure(
    () => e2e.phones(),
    'activities-lifecycle',
    async () => {
      const chair = await phoneFor('王建国')
      await tap(chair, '发起活动')
      await textBox(chair, '例如：教职工乒乓球赛').fill('教师节羽毛球友谊赛')
      await textBox(chair, '例如：学校体育馆').fill('体育馆羽毛球场')
      await textBox(chair, '例如：30').fill('1')
      await act(chair, 'activities.create', () => tap(chair, '发布活动'))
      await chair.waitForURL(/pages\/activity\/index\?id=/)
      const id = new URL(chair.url().replace('#', '')).searchParams.get('id') as string
      await see(chair, '共1个名额，剩余1个')

      await tap(chair, '二维码海报')
      await see(chair, '教师节羽毛球友谊赛')
      const src = await screen(chair).locator('.qr-image img, img.qr-image').first().getAttribute('src')
      expect(src).toMatch(/^data:image\/png;base64,iVBOR/)

      const guo = await phoneFor('郭婷')
      await activity(guo, id)
      await act(guo, 'activities.signUp', () => tap(guo, '我要报名'))
      await see(guo, '已报名')

      const hu = await phoneFor('胡军')
      await activity(hu, id)
      await act(hu, 'activities.signUp', () => tap(hu, '名额已满，加入候补'))
      await see(hu, '候补第1位')

      await tap(guo, '取消报名')
      await act(guo, 'activities.cancel', () => guo.getByText('确定', { exact: true }).last().click())
      await see(guo, '已取消报名')

      await activity(hu, id)
      await hu.reload()
      await see(hu, '已报名')

      // Check-in opens an hour before the start (tomorrow 15:00 Shanghai, the form's default) and results once
      // it is under way: the server's clock moves to 15:10 tomorrow, and back to real time afterwards.
      const tomorrow = new Date(Date.now() + 8 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10)
      await e2e.setClock(`${tomorrow}T07:10:00Z`)
      await hu.reload()
      await openApp(chair, e2e.cloud.url, `/subpackages/activities/checkin/index?id=${id}`)
      const code = ((await screen(chair).locator('.checkin-code').textContent()) ?? '').trim()
      expect(code).toMatch(/^\d{6}$/)
      await textBox(hu, '签到码').fill(code)
      await act(hu, 'activities.checkIn', () => tap(hu, '签到'))
      await see(hu, /已签到/)

      await openApp(chair, e2e.cloud.url, `/subpackages/activities/results/index?id=${id}`)
      await screen(chair).locator('.choice', { hasText: '胡军' }).click()
      await textBox(chair, '例如：150个、2分30秒').fill('3:0')
      await act(chair, 'activities.recordResult', () => tap(chair, '保存成绩'))
      await screen(chair).locator('.ranking-line', { hasText: '胡军' }).waitFor()
      await e2e.setClock(null)

      await openApp(chair, e2e.cloud.url, `/subpackages/activities/roster/index?id=${id}`)
      await see(chair, '已签到 1')
      const download = chair.waitForEvent('download')
      await tap(chair, '导出Excel（报名和签到）')
      const file = await download
      expect(file.suggestedFilename()).toMatch(/^教师节羽毛球友谊赛.*\.xlsx$/)
      const stream = await file.createReadStream()
      const chunks: Buffer[] = []
      for await (const chunk of stream) chunks.push(chunk as Buffer)
      const book = XLSX.read(Buffer.concat(chunks), { type: 'buffer' })
      // As the chair reads it in Excel: the formatted text (the check-in time is a real date underneath).
      const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]], { header: 1, raw: false })
      expect(rows[0]).toEqual(expect.arrayContaining(['姓名', '工会小组', '手机号', '状态', '签到时间']))
      const byName = new Map(rows.slice(1).map((r) => [r[1], r]))
      expect(byName.get('郭婷')).toEqual(expect.arrayContaining(['语文组', '已取消']))
      const huRow = byName.get('胡军') ?? []
      expect(huRow).toEqual(expect.arrayContaining(['数学组', '已报名']))
      expect(huRow[rows[0].indexOf('签到时间')]).toMatch(/\d{2}:\d{2}/)
    },
  )
})

test('a new WeChat user opens the activity link, binds with an invite code and comes back to the activity', async () => {
  await withScreenshotOnFailure(
    () => e2e.phones(),
    'activities-qr-entry',
    async () => {
      const chair = await phoneFor('王建国')
      await openApp(chair, e2e.cloud.url, '/subpackages/activities/list/index')
      await screen(chair).locator('.link-row', { hasText: '冬季趣味运动会' }).click()
      await chair.waitForURL(/pages\/activity\/index\?id=/)
      const id = new URL(chair.url().replace('#', '')).searchParams.get('id') as string
      await openApp(chair, e2e.cloud.url, '/subpackages/admin/roster/index')
      await textBox(chair, '搜索姓名或工号').fill('彭丽')
      // The search applies after a short pause and re-renders the list: wait for it before tapping a row.
      await screen(chair).getByText('共 1 人').waitFor()
      await screen(chair).locator('.link-row', { hasText: '彭丽' }).click()
      const invite = (await screen(chair).locator('.member__invite-code').textContent())?.trim() as string

      const newcomer = await phoneFor('newUser')
      await activity(newcomer, id)
      await see(newcomer, '报名前请先绑定会员信息，绑定后会自动回到这个活动。')
      await tap(newcomer, '绑定会员信息')
      await newcomer.waitForURL(/pages\/bind\/index/)
      await textBox(newcomer, '请输入邀请码').fill(invite)
      await act(newcomer, 'members.bindByCode', () => tap(newcomer, '确认绑定'))
      await newcomer.waitForURL(/pages\/activity\/index\?id=/)
      await see(newcomer, '冬季趣味运动会')
      // Two taps: an item, then 报名. 彭丽 is a woman, so 踢毽 (女) is open to her.
      await screen(newcomer).locator('.choice', { hasText: '踢毽' }).click()
      await act(newcomer, 'activities.signUp', () => tap(newcomer, '我要报名'))
      await see(newcomer, '已报名')
    },
  )
})

test('captain-formed team: 胡军 forms a team, 郭婷 joins it; the chair calls the activity off (因雨取消), both see it', async () => {
  await withScreenshotOnFailure(
    () => e2e.phones(),
    'activities-captain-team',
    async () => {
      const now = e2e.cloud.ports.clock.now().getTime()
      const at = (h: number) => new Date(now + h * 3600_000).toISOString()
      const created = await dispatch(
        e2e.cloud.ports,
        { openid: 'demo-m01' },
        {
          action: 'activities.create',
          data: {
            title: '教职工三人篮球赛',
            startAt: at(48),
            endAt: at(50),
            place: '篮球场',
            signupOpenAt: at(-1),
            signupCloseAt: at(24),
            audience: 'all',
            quota: 4,
            cancelPolicy: 'anytime',
            needsApproval: false,
            rosterPublic: true,
            teamMode: 'captain',
            teamSizeMin: 3,
            teamSizeMax: 4,
          },
        },
      )
      if (!created.ok) throw new Error(created.message)
      const id = (created.data as { id: string }).id

      const hu = await phoneFor('胡军')
      await activity(hu, id)
      await see(hu, '还没有队伍，来组建第一支吧')
      await textBox(hu, '队伍名称，例如：数学先锋').fill('数学先锋')
      await act(hu, 'activities.createTeam', () => tap(hu, '组建队伍'))
      await see(hu, '数学先锋（我的队伍）')
      await see(hu, '人数不足，还差2人')

      const guo = await phoneFor('郭婷')
      await activity(guo, id)
      await see(guo, '数学先锋')
      await act(guo, 'activities.joinTeam', () => tap(guo, '加入'))
      await see(guo, '数学先锋（我的队伍）')
      await see(guo, '郭婷')

      const chair = await phoneFor('王建国')
      await openApp(chair, e2e.cloud.url, `/subpackages/activities/roster/index?id=${id}`)
      await see(chair, '数学先锋（队长胡军）：2人（女1人），人数不足，还差1人')
      await openApp(chair, e2e.cloud.url, `/subpackages/activities/edit/index?id=${id}`)
      await textBox(chair, '例如：因雨取消').fill('因雨取消')
      await screen(chair).locator('.big-button', { hasText: '取消整个活动' }).click()
      // The form's picker wheels hold hidden 确定 buttons too: tap the dialog's, the visible one.
      await act(chair, 'activities.cancelActivity', () => chair.locator('text="确定" >> visible=true').last().click())
      await see(chair, '活动已取消：因雨取消。报名记录保留，无需再做什么。')

      await activity(guo, id)
      await guo.reload()
      await see(guo, '活动已取消：因雨取消。报名记录保留，无需再做什么。')
      await see(guo, '已报名（活动已取消）')
    },
  )
})
