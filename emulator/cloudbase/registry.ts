/**
 * The emulated environments of this process, by id. A deployed function's folder carries a
 * `node_modules/wx-server-sdk/index.js` that asks this registry for its environment's SDK module, so the
 * bundle's own `require('wx-server-sdk')` resolves to the emulator without the bundle being changed.
 */
export interface SdkProvider {
  sdkModule(functionName: string): Record<string, unknown>
}

const environments = new Map<string, SdkProvider>()

export function registerEnvironment(id: string, provider: SdkProvider): void {
  environments.set(id, provider)
}

export function unregisterEnvironment(id: string): void {
  environments.delete(id)
}

export function sdkFor(id: string, functionName: string): Record<string, unknown> {
  const provider = environments.get(id)
  if (!provider) throw new Error(`no emulated CloudBase environment ${id} in this process`)
  return provider.sdkModule(functionName)
}
