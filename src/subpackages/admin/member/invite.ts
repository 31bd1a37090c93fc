/**
 * How a teacher uses an invite code, in the words of the screens they will see (home page button
 * 「绑定会员信息」, bind page 「用邀请码」 and 「确认绑定」): a chair reads these out or pastes them into a chat,
 * which a raw page path could not serve.
 */
export function inviteSteps(code: string): string[] {
  return ['在微信里打开小程序「教工之家」', '点「绑定会员信息」', `选「用邀请码」，输入邀请码 ${code}，点「确认绑定」`]
}

/** What 复制 puts on the clipboard: the code with the steps, ready to paste into a WeChat chat. */
export function inviteMessage(name: string, code: string): string {
  const steps = inviteSteps(code).map((step, i) => `${i + 1}. ${step}`)
  return [`${name}老师您好，请绑定教工之家，您的邀请码是：${code}`, ...steps].join('\n')
}
