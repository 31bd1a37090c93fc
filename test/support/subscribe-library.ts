import type { SubscribeTemplate } from '../../emulator/cloudbase/openapi'

/**
 * The deployment the emulator run stands for: four templates picked from WeChat's public library into the
 * account (我的模板), and the SUBSCRIBE_TEMPLATES that maps their keywords to our fields (README, step 5).
 */
export const TEMPLATE_LIBRARY: SubscribeTemplate[] = [
  {
    priTmplId: 'tpl-activity',
    title: '活动提醒',
    content: '活动名称:{{thing1.DATA}}\n开始时间:{{time2.DATA}}\n活动地点:{{thing3.DATA}}\n温馨提示:{{thing4.DATA}}\n',
    example: '活动名称:教职工趣味运动会\n开始时间:2026年12月3日 14:30\n活动地点:学校操场\n温馨提示:请提前十分钟到场\n',
    type: 2,
  },
  {
    priTmplId: 'tpl-notice',
    title: '通知公告',
    content: '通知标题:{{thing1.DATA}}\n发布人:{{name2.DATA}}\n发布时间:{{time3.DATA}}\n备注:{{thing4.DATA}}\n',
    example: '通知标题:关于召开教代会的通知\n发布人:王建国\n发布时间:2026年12月3日 14:30\n备注:请准时参加\n',
    type: 2,
  },
  {
    priTmplId: 'tpl-birthday',
    title: '生日祝福',
    content: '祝福主题:{{thing1.DATA}}\n祝福语:{{thing2.DATA}}\n日期:{{date3.DATA}}\n',
    example: '祝福主题:生日快乐\n祝福语:祝您生日快乐\n日期:2026年12月3日\n',
    type: 2,
  },
  {
    priTmplId: 'tpl-proposal',
    title: '提案进度提醒',
    content: '提案标题:{{thing1.DATA}}\n办理状态:{{phrase2.DATA}}\n更新时间:{{time3.DATA}}\n说明:{{thing4.DATA}}\n',
    example: '提案标题:关于改善教师午餐的建议\n办理状态:已答复\n更新时间:2026年12月3日 14:30\n说明:请查看答复\n',
    type: 2,
  },
]

export const SUBSCRIBE_TEMPLATES = {
  activity: { id: 'tpl-activity', fields: { thing1: 'title', time2: 'startsAt', thing3: 'place', thing4: 'note' } },
  notice: { id: 'tpl-notice', fields: { thing1: 'title', name2: 'author', time3: 'publishedAt', thing4: 'note' } },
  birthday: { id: 'tpl-birthday', fields: { thing1: 'title', thing2: 'greeting', date3: 'date' } },
  proposal: { id: 'tpl-proposal', fields: { thing1: 'title', phrase2: 'status', time3: 'at', thing4: 'note' } },
}
