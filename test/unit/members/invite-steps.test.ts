import fs from 'fs'
import path from 'path'
import { inviteMessage, inviteSteps } from '@/subpackages/admin/member/invite'

const section = fs.readFileSync(path.join(__dirname, '../../../src/subpackages/admin/member/InviteSection.tsx'), 'utf8')

describe('the invite code of a member, as the chair hands it out', () => {
  test('the steps name the mini-program, the bind button and the code, with no page path', () => {
    const steps = inviteSteps('AB12CD34')
    expect(steps.join('')).toContain('「教工之家」')
    expect(steps.join('')).toContain('绑定会员信息')
    expect(steps.join('')).toContain('AB12CD34')
    expect(steps.join('')).not.toMatch(/\/pages\/|code=/)
  })

  test('the copied message greets the teacher and carries the code and the numbered steps', () => {
    const message = inviteMessage('曹阳', 'AB12CD34')
    expect(message.split('\n')).toEqual([
      '曹阳老师您好，请绑定教工之家，您的邀请码是：AB12CD34',
      '1. 在微信里打开小程序「教工之家」',
      '2. 点「绑定会员信息」',
      '3. 选「用邀请码」，输入邀请码 AB12CD34，点「确认绑定」',
    ])
  })

  test('the member page shows the steps, not the bind page path', () => {
    expect(section).toMatch(/inviteSteps\(/)
    expect(section).not.toMatch(/ROUTES\.bind/)
  })
})
