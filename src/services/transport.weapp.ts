import Taro from '@tarojs/taro'

let initialised = false

/** Mini-program: the cloud function receives the caller's openid from WeChat itself, never from us. */
export async function send(fn: string, payload: unknown): Promise<unknown> {
  if (!initialised) {
    Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV, traceUser: true })
    initialised = true
  }
  const res = await Taro.cloud.callFunction({ name: fn, data: payload as TaroGeneral.IAnyObject })
  return res.result
}
