import type { MyProfile } from '@/core/members/views'

/** The chair and the union office (admin) keep the roster; the server checks this again on every call. */
export function canManageRoster(profile: MyProfile | undefined): boolean {
  return !!profile && profile.roles.some((role) => role === 'chair' || role === 'admin')
}
