import {
  formatValue,
  parseSubscribeTemplates,
  subscribeConfigFromEnv,
  templateData,
  type KeywordMapping,
} from '../../../cloudfunctions/_runtime/subscribe-config'

const text = (type: KeywordMapping['type']) => ({ type, kind: 'text' as const, field: 'f' })
const instant = (type: KeywordMapping['type']) => ({ type, kind: 'instant' as const, field: 'f' })
const day = (type: KeywordMapping['type']) => ({ type, kind: 'day' as const, field: 'f' })

describe('values shaped to WeChat keyword types', () => {
  test('thing: up to 20 characters as is, longer cut to 19 and an ellipsis, whitespace folded, never empty', () => {
    const twenty = '一二三四五六七八九十一二三四五六七八九十'
    expect(formatValue(text('thing'), twenty)).toBe(twenty)
    const cut = formatValue(text('thing'), `${twenty}多`)
    expect(cut).toBe('一二三四五六七八九十一二三四五六七八九…')
    expect(Array.from(cut)).toHaveLength(20)
    expect(formatValue(text('thing'), '  三楼\n会议室 ')).toBe('三楼 会议室')
    expect(formatValue(text('thing'), '   ')).toBe('无')
    // An emoji is never split, and the cut stays within 20 whichever way it is counted.
    const withEmoji = formatValue(text('thing'), `${'一'.repeat(18)}🎉🎉`)
    expect(withEmoji).toBe(`${'一'.repeat(18)}…`)
    expect(withEmoji.length).toBeLessThanOrEqual(20)
  })

  test('thing also shows an instant as Shanghai date and time, and a day as a date', () => {
    expect(formatValue(instant('thing'), '2026-12-03T06:30:00Z')).toBe('2026年12月3日 14:30')
    expect(formatValue(day('thing'), '2026-12-03')).toBe('2026年12月3日')
  })

  test('phrase: Chinese characters only, at most 5', () => {
    expect(formatValue(text('phrase'), '提案已立案')).toBe('提案已立案')
    expect(formatValue(text('phrase'), '提案答复期限将到')).toBe('提案答复期')
    expect(formatValue(text('phrase'), '已更正！OK 1')).toBe('已更正')
    expect(formatValue(text('phrase'), '123')).toBe('无')
  })

  test('name: a Chinese name at most 10 characters, a Latin one at most 20', () => {
    expect(formatValue(text('name'), '王建国')).toBe('王建国')
    expect(formatValue(text('name'), '阿依古丽·买买提')).toBe('阿依古丽·买买提')
    expect(formatValue(text('name'), '实验小学教育工会委员会办公室')).toBe('实验小学教育工会委员')
    expect(formatValue(text('name'), 'Li 小明2')).toBe('小明')
    expect(formatValue(text('name'), 'John Smith')).toBe('John Smith')
    expect(formatValue(text('name'), 'Alexandria Montgomery-Smith')).toBe('Alexandria Montgomer')
  })

  test('time: 2026年12月3日 14:30 on a Shanghai clock, across day, month and year boundaries', () => {
    expect(formatValue(instant('time'), '2026-12-03T06:30:00Z')).toBe('2026年12月3日 14:30')
    expect(formatValue(instant('time'), '2026-12-02T15:59:00Z')).toBe('2026年12月2日 23:59')
    expect(formatValue(instant('time'), '2026-12-02T16:00:00Z')).toBe('2026年12月3日 00:00')
    expect(formatValue(instant('time'), '2026-11-30T16:05:00Z')).toBe('2026年12月1日 00:05')
    expect(formatValue(instant('time'), '2026-12-31T16:30:00Z')).toBe('2027年1月1日 00:30')
    // The +08:00 form the activity forms send reads the same.
    expect(formatValue(instant('time'), '2026-12-03T14:30:00+08:00')).toBe('2026年12月3日 14:30')
  })

  test('date: the Shanghai day of an instant, or a day as it is', () => {
    expect(formatValue(instant('date'), '2026-12-02T15:59:59Z')).toBe('2026年12月2日')
    expect(formatValue(instant('date'), '2026-12-02T16:00:00Z')).toBe('2026年12月3日')
    expect(formatValue(day('date'), '2026-03-08')).toBe('2026年3月8日')
  })

  test('a value the domain should never produce is an error, not a push WeChat would refuse', () => {
    expect(() => formatValue(instant('time'), 'tomorrow')).toThrow(/not an instant/)
    expect(() => formatValue(day('date'), '3月8日')).toThrow(/not a YYYY-MM-DD day/)
    expect(() => formatValue(text('time'), '14:30')).toThrow(/cannot fill a time keyword/)
  })

  test('templateData fills every configured keyword from the named field', () => {
    const { templates } = parseSubscribeTemplates(
      '{"activity": {"id": "A", "fields": {"thing1": "title", "time2": "startsAt", "thing3": "place"}}}',
    )
    const values = {
      title: '教工羽毛球赛',
      startsAt: '2026-12-03T07:30:00Z',
      endsAt: '2026-12-03T09:30:00Z',
      place: '体育馆',
      note: '报名成功',
    }
    expect(templateData(templates.activity!, values)).toEqual({
      thing1: { value: '教工羽毛球赛' },
      time2: { value: '2026年12月3日 15:30' },
      thing3: { value: '体育馆' },
    })
    expect(() => templateData(templates.activity!, { title: 'x' })).toThrow(/no value for field startsAt/)
  })
})

describe('SUBSCRIBE_TEMPLATES', () => {
  const ALL = {
    activity: { id: 'act-ID_1', fields: { thing1: 'title', time2: 'startsAt', thing3: 'place', thing4: 'note' } },
    notice: { id: 'not-ID', fields: { thing1: 'title', name2: 'author', date3: 'publishedAt', phrase4: 'note' } },
    birthday: { id: 'bir-ID', fields: { thing1: 'title', date2: 'date', thing3: 'greeting' } },
    proposal: { id: 'pro-ID', fields: { thing1: 'title', phrase2: 'status', time3: 'at', name4: 'proposer' } },
  }

  test('a mapping for each of our templates reads as keyword → field with its type and kind', () => {
    const parsed = parseSubscribeTemplates(JSON.stringify(ALL))
    expect(parsed.problems).toEqual([])
    expect(Object.keys(parsed.templates)).toEqual(['activity', 'notice', 'birthday', 'proposal'])
    expect(parsed.templates.activity).toEqual({
      id: 'act-ID_1',
      keywords: [
        { keyword: 'thing1', type: 'thing', field: 'title', kind: 'text' },
        { keyword: 'time2', type: 'time', field: 'startsAt', kind: 'instant' },
        { keyword: 'thing3', type: 'thing', field: 'place', kind: 'text' },
        { keyword: 'thing4', type: 'thing', field: 'note', kind: 'text' },
      ],
    })
    expect(parsed.templates.birthday?.keywords[1]).toEqual({
      keyword: 'date2',
      type: 'date',
      field: 'date',
      kind: 'day',
    })
  })

  test('unset or blank means no push and no problem', () => {
    expect(parseSubscribeTemplates(undefined)).toEqual({ templates: {}, problems: [] })
    expect(parseSubscribeTemplates('  ')).toEqual({ templates: {}, problems: [] })
  })

  test('not JSON, or not an object: one problem, nothing configured', () => {
    expect(parseSubscribeTemplates('{activity:')).toEqual({
      templates: {},
      problems: [expect.stringMatching(/^SUBSCRIBE_TEMPLATES 不是合法的 JSON（.+），例如 \{"activity"/)],
    })
    expect(parseSubscribeTemplates('["activity"]').problems).toEqual([
      expect.stringMatching(/^SUBSCRIBE_TEMPLATES 应是一个对象/),
    ])
  })

  test.each([
    [
      { meeting: ALL.activity },
      'SUBSCRIBE_TEMPLATES.meeting：没有名为 meeting 的模板（可用：activity、notice、birthday、proposal）',
    ],
    [{ activity: 'act-ID' }, 'SUBSCRIBE_TEMPLATES.activity 应是 {"id": "<模板ID>", "fields": {"<关键词>": "<字段>"}}'],
    [
      { activity: { ...ALL.activity, id: '' } },
      'SUBSCRIBE_TEMPLATES.activity.id 应是微信公众平台「订阅消息 → 我的模板」里的模板 ID',
    ],
    [
      { activity: { ...ALL.activity, page: 'x' } },
      'SUBSCRIBE_TEMPLATES.activity.page：不认识的设置（只有 id 和 fields）',
    ],
    [
      { activity: { id: 'A', fields: {} } },
      'SUBSCRIBE_TEMPLATES.activity.fields 应是「微信关键词 → 字段」的对象，至少一项，如 {"thing1": "title"}',
    ],
    [
      { activity: { id: 'A', fields: { title: 'title' } } },
      'SUBSCRIBE_TEMPLATES.activity.fields.title：关键词应是类型加编号，如 thing1、time2（见模板详情里的 {{thing1.DATA}}）',
    ],
    [
      { activity: { id: 'A', fields: { number4: 'title' } } },
      'SUBSCRIBE_TEMPLATES.activity.fields.number4：number（数字）类型的关键词本应用填不了（只填 thing、time、date、phrase、name），请换一个模板',
    ],
    [
      { activity: { id: 'A', fields: { character_string5: 'title' } } },
      'SUBSCRIBE_TEMPLATES.activity.fields.character_string5：character_string（字符串）类型的关键词本应用填不了（只填 thing、time、date、phrase、name），请换一个模板',
    ],
    [
      { activity: { id: 'A', fields: { widget1: 'title' } } },
      'SUBSCRIBE_TEMPLATES.activity.fields.widget1：不认识的关键词类型 widget',
    ],
    [
      { activity: { id: 'A', fields: { thing1: 'subject' } } },
      'SUBSCRIBE_TEMPLATES.activity.fields.thing1：activity 模板没有字段 subject（可用：title、startsAt、endsAt、place、note）',
    ],
    [
      { activity: { id: 'A', fields: { thing1: 3 } } },
      'SUBSCRIBE_TEMPLATES.activity.fields.thing1 应是字段名（可用：title、startsAt、endsAt、place、note）',
    ],
    [
      { activity: { id: 'A', fields: { time2: 'title' } } },
      'SUBSCRIBE_TEMPLATES.activity.fields.time2：字段 title（活动名称）是文字，填不进 time（时间）类型的关键词',
    ],
    [
      { birthday: { id: 'B', fields: { time2: 'date' } } },
      'SUBSCRIBE_TEMPLATES.birthday.fields.time2：字段 date（生日（当天日期））是日期，填不进 time（时间）类型的关键词',
    ],
    [
      { proposal: { id: 'P', fields: { phrase2: 'at' } } },
      'SUBSCRIBE_TEMPLATES.proposal.fields.phrase2：字段 at（这一步发生的时间）是时间，填不进 phrase（汉字）类型的关键词',
    ],
  ])('a bad entry is named and left out, the good ones stay: %j', (bad, problem) => {
    const parsed = parseSubscribeTemplates(JSON.stringify({ notice: ALL.notice, ...bad }))
    expect(parsed.problems).toEqual([problem])
    expect(Object.keys(parsed.templates)).toEqual(['notice'])
  })

  test('every problem of an entry is reported, not only the first', () => {
    const parsed = parseSubscribeTemplates(
      JSON.stringify({ activity: { id: 'A', fields: { thing1: 'subject', time2: 'place' } } }),
    )
    expect(parsed.problems).toHaveLength(2)
    expect(parsed.templates).toEqual({})
  })

  test('the old TEMPLATE_IDS alone is reported, not guessed into a mapping', () => {
    expect(subscribeConfigFromEnv({ TEMPLATE_IDS: '{"notice":"X"}' })).toEqual({
      templates: {},
      problems: ['TEMPLATE_IDS 已不再使用：请改设 SUBSCRIBE_TEMPLATES（每个模板的 ID 和关键词对应的字段）'],
    })
    const both = { TEMPLATE_IDS: '{}', SUBSCRIBE_TEMPLATES: JSON.stringify(ALL) }
    expect(subscribeConfigFromEnv(both).problems).toEqual([])
  })
})
