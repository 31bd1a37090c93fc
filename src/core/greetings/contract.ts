import * as v from 'valibot'
import { action } from '../shared/action'
import { docId } from '../shared/fields'
import { GIFT_KINDS } from './model'
import type { BirthdayCardView, BirthdayRow, GreetingSettingsView, QuarterRoster, UpcomingBirthdays } from './views'

const none = v.strictObject({}, '参数不正确')
/** The chair and the union office (who buys the cakes); ages are shown to the chair only. */
const CARE = ['chair', 'admin'] as const

const year = v.pipe(
  v.number('年份应为数字'),
  v.integer('年份应为整数'),
  v.minValue(2020, '年份不正确'),
  v.maxValue(2100, '年份不正确'),
)

export const greetingsContract = {
  'greetings.today': action<BirthdayCardView | null>()({
    access: 'member',
    input: none,
    summary: '今天的生日贺卡',
    writes: false,
  }),
  'greetings.upcoming': action<UpcomingBirthdays>()({
    access: CARE,
    input: v.strictObject({ range: v.picklist(['week', 'month', 'quarter'], '请选择时间范围') }, '参数不正确'),
    summary: '近期生日',
    writes: false,
  }),
  'greetings.quarter': action<QuarterRoster>()({
    access: CARE,
    input: v.strictObject(
      {
        year,
        quarter: v.pipe(
          v.number('季度应为数字'),
          v.integer('季度不正确'),
          v.minValue(1, '季度不正确'),
          v.maxValue(4, '季度不正确'),
        ),
      },
      '参数不正确',
    ),
    summary: '季度生日会名单',
    writes: false,
  }),
  'greetings.markGift': action<BirthdayRow>()({
    access: CARE,
    input: v.strictObject(
      {
        memberId: docId('会员'),
        year,
        given: v.boolean('请选择是否已送'),
        kind: v.optional(v.picklist(GIFT_KINDS, '礼物种类不正确'), '生日蛋糕'),
        note: v.optional(v.pipe(v.string('备注应为文字'), v.trim(), v.maxLength(50, '备注不能超过50个字')), ''),
      },
      '参数不正确',
    ),
    summary: '登记生日礼物',
    writes: true,
  }),
  'greetings.settings': action<GreetingSettingsView>()({
    access: CARE,
    input: none,
    summary: '生日祝福设置',
    writes: false,
  }),
  'greetings.saveSettings': action<GreetingSettingsView>()({
    access: ['chair'],
    input: v.strictObject(
      {
        template: v.pipe(
          v.string('祝福语应为文字'),
          v.trim(),
          v.minLength(4, '祝福语至少4个字'),
          v.maxLength(200, '祝福语不能超过200个字'),
          v.includes('{name}', '祝福语里请保留 {name}，发送时会换成老师的姓名'),
        ),
        includeRetired: v.boolean('请选择是否给退休老师发送'),
      },
      '参数不正确',
    ),
    summary: '修改生日祝福设置',
    writes: true,
  }),
}
