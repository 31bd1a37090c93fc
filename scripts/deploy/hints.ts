import { ApiError } from './wechat-api'

/**
 * What a deployer can do about a refusal, in Chinese. WeChat's codes are its global return codes (40013 invalid
 * appid, 40125 invalid appsecret, 40164 IP not in the whitelist) and the 云开发 ones in each HTTP API's errcode
 * table (85088 该APP未开通云开发); Tencent Cloud's are API 3.0's common error codes, on every product's 错误码 page
 * (AuthFailure.SecretIdNotFound, AuthFailure.SignatureFailure, AuthFailure.SignatureExpire, UnauthorizedOperation).
 * Null when the code says nothing more than the step's own advice.
 */
export function hintFor(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null
  const { service, code, detail, api } = error
  if (service === 'network') {
    return '连不上服务器或没有回应：检查本机网络（需要能访问 api.weixin.qq.com 和 *.tencentcloudapi.com），稍后再运行一次'
  }
  if (service === 'wechat') {
    if (code === '40164' || /whitelist|white list|invalid ip/i.test(detail)) {
      return '本机的公网 IP 不在小程序的 IP 白名单里：微信公众平台 → 开发管理 → 开发设置 → IP白名单，添加上面错误信息里的 IP，几分钟后再运行'
    }
    if (code === '40013') return 'AppID 不对：核对 deploy.config.json 的 appId（微信公众平台 → 开发管理 → 开发设置）'
    if (code === '40125' || (api === 'stable_token' && code === '40001')) {
      return 'AppSecret 不对：在 微信公众平台 → 开发管理 → 开发设置 → 开发者密码 重置后，填入 deploy.config.json 的 appSecret'
    }
    if (code === '85088')
      return '这个小程序还没有开通云开发：在微信开发者工具里点「云开发」开通并创建环境，再把环境 ID 填入 envId'
    if (code === '-1' || code === '-1000') return '微信服务暂时繁忙：稍后再运行一次'
    if (/env.*(not|n't).*(exist|found)|invalid env/i.test(detail)) {
      return '找不到这个云开发环境：核对 envId（云开发控制台 → 设置 → 环境 ID）'
    }
    return null
  }
  if (
    code === 'AuthFailure.SecretIdNotFound' ||
    code === 'AuthFailure.SignatureFailure' ||
    code === 'AuthFailure.InvalidSecretId'
  ) {
    return '腾讯云 API 密钥不对：核对 deploy.config.json 的 tencentCloud.secretId 和 secretKey（腾讯云控制台 → 访问管理 → API 密钥管理）'
  }
  if (code === 'AuthFailure.SignatureExpire') return '本机时间不准：校准系统时间后再运行'
  if (code.startsWith('AuthFailure') || code.startsWith('UnauthorizedOperation')) {
    return '这个腾讯云密钥没有权限：用小程序管理员的微信登录腾讯云控制台创建主账号密钥，或给子用户授予 QcloudTCBFullAccess 和 QcloudSCFFullAccess'
  }
  if (code.startsWith('ResourceNotFound.Env') || code === 'InvalidParameter.EnvId' || /env/i.test(code)) {
    return '这个腾讯云账号下看不到该环境：确认 envId，并用小程序管理员的微信登录腾讯云控制台（云开发环境属于小程序所在的腾讯云账号）创建 API 密钥'
  }
  if (code.startsWith('RequestLimitExceeded') || code === 'InternalError' || code.startsWith('FailedOperation')) {
    return '腾讯云暂时无法完成：稍后再运行一次'
  }
  return null
}

/** The error as one line for the log: the API, its code and text (never a URL or a credential). */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return `${error.api}：${error.code}${error.detail ? ` ${error.detail}` : ''}`
  if (error instanceof Error) return error.message
  return String(error)
}
