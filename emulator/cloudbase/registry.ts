import { currentInvocation } from './invocation'
import { createSdkModule, type SdkBackend } from './sdk'

/**
 * The emulated environments of this process, by id. A deployed bundle's folder carries a
 * `node_modules/wx-server-sdk/index.js` that asks this registry for the SDK module, so the bundle's own
 * `require('wx-server-sdk')` resolves to the emulator without the bundle being changed.
 *
 * A bundle is loaded once per process and shared by every environment that deploys it (the module scope of
 * our functions holds no state of its own, only handles): its requests go to the environment of the
 * invocation they run in. Loading a 2 MB bundle per environment would hold gigabytes in a test run.
 */
export interface EnvironmentProvider {
  /** What a function of this environment reaches (its permissions included). */
  backend(functionName: string): SdkBackend
}

const environments = new Map<string, EnvironmentProvider>()

export function registerEnvironment(id: string, provider: EnvironmentProvider): void {
  environments.set(id, provider)
}

export function unregisterEnvironment(id: string): void {
  environments.delete(id)
}

/** The SDK module a deployed bundle gets; `shapeFrom` is the environment loading it (namespace names only). */
export function sdkFor(shapeFrom: string, functionName: string): Record<string, unknown> {
  const loading = environments.get(shapeFrom)
  if (!loading) throw new Error(`no emulated CloudBase environment ${shapeFrom} in this process`)
  return createSdkModule(() => {
    const invocation = currentInvocation()
    // Deployed code talks to the cloud only while it is invoked (module scope only builds handles).
    if (!invocation) throw new Error(`${functionName}: a cloud request outside any invocation`)
    const environment = environments.get(invocation.environmentId)
    if (!environment) throw new Error(`${functionName}: environment ${invocation.environmentId} is gone`)
    return environment.backend(functionName)
  }, loading.backend(functionName))
}
