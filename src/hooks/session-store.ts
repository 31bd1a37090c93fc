import type { MyProfile, WhoAmI } from '@/core/members/views'
import type { ApiError } from '@/services/api'
import { call, carrySessionWith } from '@/services/api'
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
let askingWhoami = false
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

/**
 * A page opened cold asks for the session with its own first call (services/api `session: true`), so it makes
 * one call, not whoami and then its data. Whatever arrives that way is the session; a call that brought none
 * (it failed) leaves the session to loadSession.
 */
carrySessionWith({
  // session.whoami itself never asks for the session beside it.
  wanted: () => !state.whoami && !inflight && !askingWhoami,
  arrived(session) {
    if (!state.whoami) publish({ ...state, loading: true, error: undefined })
    const settled = session
      .then((whoami) => publish(whoami ? { whoami, loading: false } : { ...state, loading: false }))
      .finally(() => {
        if (inflight === settled) inflight = undefined
      })
    inflight = settled
  },
})

/** Lets every effect of the render that asked run first: one of them may bring the session with its call. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

/** Fetches whoami once; `force` asks again (pull-down refresh, returning to a page). */
export async function loadSession(force = false): Promise<void> {
  if (!force) {
    await nextTurn()
    if (inflight) await inflight
    if (state.whoami) return
  }
  if (inflight) return inflight
  publish({ ...state, loading: true, error: undefined })
  askingWhoami = true
  const fetched = call('session.whoami', {})
    .then(
      (whoami) => publish({ whoami, loading: false }),
      (error: unknown) => publish({ whoami: state.whoami, error: toApiError(error), loading: false }),
    )
    .finally(() => {
      if (inflight === fetched) inflight = undefined
    })
  askingWhoami = false
  inflight = fetched
  return fetched
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
