import { TICK_TRIGGER } from '../src/server/jobs'

/**
 * The deployed cloud functions and their least-privilege boundary: `openapi` lists exactly the WeChat open
 * APIs each function's code calls (config.json `permissions.openapi`); anything else is refused by WeChat.
 */
export interface CloudFunctionSpec {
  name: string
  /** Entry file, relative to the repository root. */
  entry: string
  /**
   * CloudBase ends an invocation at this many seconds (console default 3, at most 60 for an event function:
   * 云函数 → 函数配置 → 超时时间). Every multi-step write must survive being cut anywhere anyway.
   */
  timeoutSeconds: number
  /** Memory of each instance, MB (CloudBase: 128–2048 in steps; 256 is the default). */
  memoryMB: number
  /** CloudBase's Node runtime (the bundles target node16, the oldest offered). */
  runtime: 'Nodejs16.13' | 'Nodejs18.15' | 'Nodejs20.19'
  openapi: string[]
  /**
   * Timer triggers for config.json, if the function runs jobs: at most one, as WeChat takes one per function
   * (定时触发器: https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/functions/triggers.html).
   * `npm run deploy` creates it (scf CreateTrigger; scripts/deploy/).
   */
  triggers?: [{ name: string; type: 'timer'; config: string }]
}

export const FUNCTIONS: CloudFunctionSpec[] = [
  {
    name: 'api',
    entry: 'cloudfunctions/api/index.ts',
    // A teacher waits on every call: 10 s is far beyond any screen's budget, so hitting it means a bug, not load.
    timeoutSeconds: 10,
    memoryMB: 256,
    runtime: 'Nodejs18.15',
    // Notifier (subscribe messages), ContentCheck (text and pictures a teacher publishes), QrCodes (activity codes).
    openapi: ['subscribeMessage.send', 'security.msgSecCheck', 'security.mediaCheckAsync', 'wxacode.getUnlimited'],
  },
  {
    name: 'cron',
    entry: 'cloudfunctions/cron/index.ts',
    // Jobs work in time-boxed batches well inside this and resume on the next run.
    timeoutSeconds: 60,
    memoryMB: 256,
    runtime: 'Nodejs18.15',
    // Jobs send notices through the Notifier; they publish no user text, so no msgSecCheck. `init` checks the
    // configured subscribe templates against the account's (getTemplateList).
    openapi: ['subscribeMessage.send', 'subscribeMessage.getTemplateList'],
    // One tick every ten minutes; each job says itself when it is due (src/server/jobs.ts).
    triggers: [{ ...TICK_TRIGGER }],
  },
  {
    name: 'push',
    entry: 'cloudfunctions/push/index.ts',
    // WeChat's message pushes (云开发 → 设置 → 消息推送): picture verdicts of mediaCheckAsync. A verdict that
    // overtakes its upload is looked for again within a second.
    timeoutSeconds: 10,
    memoryMB: 256,
    runtime: 'Nodejs18.15',
    // Settling a verdict writes the database and the in-app message; it calls no open API.
    openapi: [],
  },
]

/** The wx-server-sdk version every function is deployed with (the one the bundles were tested against). */
export const WX_SERVER_SDK_VERSION = '4.0.2'
