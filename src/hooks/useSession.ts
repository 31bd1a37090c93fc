import { useEffect, useSyncExternalStore } from 'react'
import { getSession, loadSession, subscribeSession, type SessionState } from './session-store'

export interface Session extends SessionState {
  /** Ask the server again (pull-down refresh). */
  refresh: () => Promise<void>
}

/** Who am I: signed in? bound? my profile. Loaded once per app run and shared by every page. */
export function useSession(): Session {
  const state = useSyncExternalStore(subscribeSession, getSession)
  const needsLoad = !state.whoami && !state.loading && !state.error
  useEffect(() => {
    if (needsLoad) void loadSession()
  }, [needsLoad])
  return { ...state, refresh: () => loadSession(true) }
}
