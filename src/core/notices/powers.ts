import type { MemberDoc } from '../members/model'

/**
 * README 通知: a 工会通知 (general) goes out from the chair or the union office (admin); a 提案委员会 member
 * publishes 教代会 notices only. The publish use case refuses by it and the page offers the choice by it.
 */
export const publishesGeneralNotices = (m: Pick<MemberDoc, 'roles'>): boolean =>
  m.roles.some((r) => r === 'chair' || r === 'admin')
