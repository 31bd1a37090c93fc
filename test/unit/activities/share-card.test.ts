import fs from 'fs'
import path from 'path'
import { activityIdFrom } from '@/components/activities/activity-id'
import { activityShareCard } from '@/components/activities/share'
import { ACTIVITY_PAGE, activityScene } from '@/core/activities/qr'

const root = path.join(__dirname, '../../..')
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8')

describe('an activity forwarded to a WeChat group (转发)', () => {
  const activity = {
    id: '0mhxyz12300abcdefgh',
    title: '教职工羽毛球赛',
    startAt: '2026-12-03T06:30:00.000Z', // 14:30 in Shanghai
    phase: 'open' as const,
  }

  test('the card reads the title and the start in plain Chinese', () => {
    expect(activityShareCard(activity).title).toBe('教职工羽毛球赛 12月3日（周四）14:30')
  })

  test('a cancelled activity says so on the card', () => {
    expect(activityShareCard({ ...activity, phase: 'cancelled' }).title).toMatch(/^【已取消】教职工羽毛球赛/)
  })

  test('the card opens the same page and activity as the poster code', () => {
    const { path: shared } = activityShareCard(activity)
    const [page, query] = shared.split('?')
    expect(page).toBe(`/${ACTIVITY_PAGE}`)
    const params = Object.fromEntries(new URLSearchParams(query))
    expect(activityIdFrom(params)).toBe(activity.id)
    // The poster's code carries the same id, read back by the same function.
    expect(activityIdFrom({ scene: encodeURIComponent(activityScene(activity.id)) })).toBe(activity.id)
  })

  test('the activity page turns forwarding on and sets the card', () => {
    expect(read('src/pages/activity/index.config.ts')).toMatch(/enableShareAppMessage:\s*true/)
    expect(read('src/pages/activity/index.tsx')).toMatch(/useShareActivity\(/)
  })
})
