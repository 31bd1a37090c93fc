/**
 * Platform transport: Taro picks transport.weapp.ts or transport.h5.ts at build time; this file only gives
 * TypeScript the shared signature and fails loudly on a platform we do not build.
 */
export function send(_fn: string, _payload: unknown): Promise<unknown> {
  return Promise.reject(new Error('no transport for this platform'))
}
