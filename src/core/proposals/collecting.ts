import type { SessionView } from './views'

type Phased = Pick<SessionView, 'name' | 'phase' | 'opensOn' | 'closesOn'>

/** Whether 写提案 is offered, and the line that says why or why not. */
export interface Collecting {
  open: boolean
  text: string
}

/**
 * What a page says about writing a proposal, from the sessions' phases as the server computed them (never
 * the phone's date): a session collecting now offers 写提案; otherwise the next one to open is named with
 * its date, or none is. Pure, so 首页, the board and 我的提案 say the same thing.
 */
export function collecting(sessions: readonly Phased[]): Collecting {
  const open = sessions.find((s) => s.phase === 'open')
  if (open) return { open: true, text: `${open.name}正在征集提案，截止 ${open.closesOn}。` }
  const next = sessions
    .filter((s) => s.phase === 'upcoming')
    .reduce<Phased | undefined>((soonest, s) => (!soonest || s.opensOn < soonest.opensOn ? s : soonest), undefined)
  if (next) return { open: false, text: `${next.name}将于 ${next.opensOn} 开始征集提案，届时可以写提案。` }
  return { open: false, text: '目前没有正在征集提案的教代会，暂时不能写提案。' }
}
