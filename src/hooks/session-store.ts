import type { MyProfile, WhoAmI } from '@/core/members/views'
import type { ApiError } from '@/services/api'
import { call } from '@/services/api'
import { toApiError } from './errors'

/**
 * The app's only global state: who the caller is (session.whoami). Pages read it through useSession;
 * writers (binding, privacy, demo sign-in) update it here so every page agrees without refetching.
 */
export interface SessionState {
  whoami?: WhoAmI
  error?: ApiError
  loading: boolean
}

let state: SessionState = { loading: false }
let inflight: Promise<void> | undefined
const listeners = new Set<() => void>()

function publish(next: SessionState): void {
  state = next
  listeners.forEach((listener) => listener())
}

export function getSession(): SessionState {
  return state
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Fetches whoami once; `force` asks again (pull-down refresh, returning to a page). */
export function loadSession(force = false): Promise<void> {
  if (inflight) return inflight
  if (state.whoami && !force) return Promise.resolve()
  publish({ ...state, loading: true, error: undefined })
  inflight = call('session.whoami', {})
    .then(
      (whoami) => publish({ whoami, loading: false }),
      (error: unknown) => publish({ whoami: state.whoami, error: toApiError(error), loading: false }),
    )
    .finally(() => {
      inflight = undefined
    })
  return inflight
}

/**
 * After binding or a privacy change the server hands back the profile. A privacy change keeps what the member
 * may do; a fresh binding names someone whose abilities only the server knows, so it asks whoami again.
 */
export function setProfile(profile: MyProfile): void {
  const before = state.whoami
  const ids = before?.subscribeTemplateIds
  const can = before?.profile?.id === profile.id ? before.can : undefined
  publish({
    whoami: {
      signedIn: true,
      bound: true,
      profile,
      ...(can ? { can } : {}),
      ...(ids ? { subscribeTemplateIds: ids } : {}),
    },
    loading: false,
  })
  if (!can) void loadSession(true)
}

/** The identity changed (demo sign-in): forget everything so the next page asks afresh. */
export function forgetSession(): void {
  publish({ loading: false })
}
