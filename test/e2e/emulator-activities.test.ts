import path from 'path'
import { FUNCTIONS, type CloudFunctionSpec } from '../../scripts/functions'
import { act, openApp, see, shot, startE2E, tap, withScreenshotOnFailure, type E2E } from '../support/e2e'
import { cancelSignUp, createActivity, openActivity } from '../support/e2e-steps'

// On the CloudBase emulator: the built `api` bundle answers every tap, 20 ms a database request.
jest.setTimeout(120_000)

let e2e: E2E

beforeAll(async () => {
  e2e = await startE2E({ runtime: 'cloudbase-emulator' })
})
afterAll(async () => {
  await e2e?.close()
})

test('on the emulator: quota 2 — 郭婷 signs up in one tap, 胡军 fills it, 何平 waits; 郭婷 cancels and 何平 is promoted', async () => {
  await withScreenshotOnFailure(
    () => e2e.phones(),
    'emulator-activities',
    async () => {
      const url = e2e.cloud.url
      const chair = await e2e.phoneFor('王建国')
      const id = await createActivity(chair, { title: '教工气排球友谊赛', place: '学校体育馆', quota: 2 })
      await shot(chair, 'emulator-activity-created')

      const guo = await e2e.phoneFor('郭婷')
      await openActivity(guo, url, id)
      await act(guo, 'activities.signUp', () => tap(guo, '我要报名'))
      await see(guo, '报名成功')
      await shot(guo, 'emulator-activity-signed-up')

      const hu = await e2e.phoneFor('胡军')
      await openActivity(hu, url, id)
      await act(hu, 'activities.signUp', () => tap(hu, '我要报名'))
      await see(hu, '已报名')

      const he = await e2e.phoneFor('何平')
      await openActivity(he, url, id)
      await act(he, 'activities.signUp', () => tap(he, '名额已满，加入候补'))
      await see(he, '候补第1位')
      await shot(he, 'emulator-activity-waitlisted')

      await cancelSignUp(guo)

      // 何平 is promoted: his page says so, and the message tells him why.
      await he.reload()
      await see(he, '已报名')
      await openApp(he, url, '/subpackages/messages/list/index')
      await see(he, '候补成功，已为您保留名额')
      await shot(he, 'emulator-activity-promoted-message')

      // CloudBase ends an invocation at its timeout: the phone shows its network error, nothing is half-done,
      // and the server goes on.
      const emulated = e2e.emulated
      if (!emulated) throw new Error('this test runs on the emulator')
      const api = FUNCTIONS.find((fn) => fn.name === 'api') as CloudFunctionSpec
      await see(hu, '已报名')
      const latency = emulated.emulator.latencyMs
      emulated.emulator.deploy('api', path.join(emulated.bundlesDir, 'api'), { timeoutSeconds: 1 })
      emulated.emulator.latencyMs = 1500
      try {
        await tap(hu, '取消报名')
        await hu.locator('text="确定" >> visible=true').last().click()
        await see(hu, '网络不太好，请稍后再试')
        await shot(hu, 'emulator-timeout')
      } finally {
        emulated.emulator.deploy('api', path.join(emulated.bundlesDir, 'api'), api)
        emulated.emulator.latencyMs = latency
      }
      await hu.reload()
      await see(hu, '已报名')
    },
  )
})
