import * as fs from 'fs'
import * as os from 'os'
import * as path from 'path'
import { createLocalPorts } from '@/server/local/ports'
import { findJob } from '@/server/jobs'
import type { SubscribeTemplateInfo, TemplateListResult } from '../../../cloudfunctions/_runtime/sdk'
import { parseSubscribeTemplates } from '../../../cloudfunctions/_runtime/subscribe-config'
import { createSubscribeTemplates, templateKeywords } from '../../../cloudfunctions/_runtime/subscribe-templates'

/** The account's 我的模板 as getTemplateList returns it (cloud-call field names). */
const LIBRARY: SubscribeTemplateInfo[] = [
  {
    priTmplId: 'act-ID',
    title: '活动报名成功通知',
    content: '活动名称:{{thing1.DATA}}\n活动时间:{{time2.DATA}}\n活动地点:{{thing3.DATA}}\n',
    example: '活动名称:教工羽毛球赛\n活动时间:2026年12月3日 15:30\n活动地点:体育馆\n',
    type: 2,
  },
  {
    priTmplId: 'not-ID',
    title: '新通知提醒',
    content: '通知标题:{{thing1.DATA}}\n发布人:{{name2.DATA}}\n发布时间:{{date3.DATA}}\n',
    example: '',
    type: 2,
  },
]

const CONFIG = {
  activity: { id: 'act-ID', fields: { thing1: 'title', time2: 'startsAt', thing3: 'place' } },
  notice: { id: 'not-ID', fields: { thing1: 'title', name2: 'author', date3: 'publishedAt' } },
}

function wechat(reply: () => Promise<TemplateListResult>) {
  const getTemplateList = jest.fn(reply)
  return { getTemplateList, cloud: { openapi: { subscribeMessage: { getTemplateList } } } }
}

const port = (
  config: unknown,
  reply: () => Promise<TemplateListResult> = async () => ({ errCode: 0, data: LIBRARY }),
) => {
  const wx = wechat(reply)
  return { wx, templates: createSubscribeTemplates(wx.cloud, parseSubscribeTemplates(JSON.stringify(config))) }
}

test('a template content lists its keywords with the labels written before them', () => {
  expect(templateKeywords(LIBRARY[0].content)).toEqual([
    { keyword: 'thing1', label: '活动名称' },
    { keyword: 'time2', label: '活动时间' },
    { keyword: 'thing3', label: '活动地点' },
  ])
  expect(templateKeywords('{{phrase1.DATA}}：状态\\n备注：{{ thing2.DATA }}')).toEqual([
    { keyword: 'phrase1', label: '' },
    { keyword: 'thing2', label: '备注' },
  ])
})

test('ids: one per configured template name, nothing else', () => {
  const { templates } = port({ ...CONFIG, proposal: { id: 'bad', fields: { thing1: 'nope' } } })
  expect(templates.ids()).toEqual({ activity: 'act-ID', notice: 'not-ID' })
})

test('a configuration that matches the account is reported ready', async () => {
  const { templates, wx } = port(CONFIG)
  expect(await templates.verify()).toEqual({
    ready: ['activity', 'notice'],
    problems: [],
    summary: '订阅消息模板 2 个已核对：activity、notice',
  })
  expect(wx.getTemplateList).toHaveBeenCalledTimes(1)
})

test('every mismatch is reported in Chinese: missing template, unknown keyword, unmapped keyword, bad field', async () => {
  const { templates } = port({
    activity: { id: 'act-ID', fields: { thing1: 'title', time2: 'startsAt', thing4: 'note' } },
    notice: { id: 'gone-ID', fields: { thing1: 'title' } },
    birthday: { id: 'bir-ID', fields: { thing1: 'wish' } },
  })
  const check = await templates.verify()
  expect(check.ready).toEqual([])
  expect(check.problems).toEqual([
    'SUBSCRIBE_TEMPLATES.birthday.fields.thing1：birthday 模板没有字段 wish（可用：title、greeting、name、union、date）',
    'activity（活动报名成功通知）：模板里没有关键词 thing4（模板的关键词：thing1（活动名称）、time2（活动时间）、thing3（活动地点））',
    'activity（活动报名成功通知）：关键词 thing3（活动地点）没有对应的字段，发送会被微信拒绝；请在 SUBSCRIBE_TEMPLATES.activity.fields 里为它选一个字段',
    'notice：模板 ID gone-ID 不在小程序「订阅消息 → 我的模板」里（填错了，或模板已删除）',
  ])
  expect(check.summary).toBe(`订阅消息模板 0 个可用，4 个问题：${check.problems.join('；')}`)
})

test('a template list WeChat will not give is a problem, with its errCode', async () => {
  const { templates } = port(CONFIG, async () => {
    throw Object.assign(new Error('errCode: -604101'), { errCode: -604101, errMsg: 'function has no permission' })
  })
  expect((await templates.verify()).problems).toEqual([
    '读不到小程序的订阅消息模板（subscribeMessage.getTemplateList：errCode -604101 function has no permission），无法核对',
  ])
})

test('nothing configured: said so, and WeChat is not asked', async () => {
  const { templates, wx } = port({})
  expect(templates.ids()).toEqual({})
  expect(await templates.verify()).toEqual({
    ready: [],
    problems: [],
    summary: '未设置 SUBSCRIBE_TEMPLATES：不发订阅消息，消息只进站内信',
  })
  expect(wx.getTemplateList).not.toHaveBeenCalled()
})

describe('the init job', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subscribe-init-'))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  test('reports the template check: on CloudBase every problem, locally that nothing is configured', async () => {
    const init = findJob('init')!
    const local = createLocalPorts(dir)
    const saved = process.env.FIRST_UNION
    delete process.env.FIRST_UNION
    try {
      const here = await init.run(local)
      expect(here.summary).toMatch(/；本地运行没有微信：未配置订阅消息模板，消息只进站内信$/)
      expect(here.templates).toEqual({ ready: [], problems: [] })

      const { templates } = port({ ...CONFIG, notice: { id: 'gone-ID', fields: { thing1: 'title' } } })
      const report = await init.run({ ...local, subscribeTemplates: templates })
      expect(report.templates).toEqual({
        ready: ['activity'],
        problems: ['notice：模板 ID gone-ID 不在小程序「订阅消息 → 我的模板」里（填错了，或模板已删除）'],
      })
      expect(report.summary).toContain('；订阅消息模板 1 个可用，1 个问题：notice：模板 ID gone-ID')
    } finally {
      if (saved !== undefined) process.env.FIRST_UNION = saved
    }
  })
})
