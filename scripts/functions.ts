import { JOBS } from '../src/server/jobs'

/**
 * The deployed cloud functions and their least-privilege boundary: `openapi` lists exactly the WeChat open
 * APIs each function's code calls (config.json `permissions.openapi`); anything else is refused by WeChat.
 */
export interface CloudFunctionSpec {
  name: string
  /** Entry file, relative to the repository root. */
  entry: string
  openapi: string[]
  /** Timer triggers for config.json, if the function runs jobs. */
  triggers?: Array<{ name: string; type: 'timer'; config: string }>
}

export const FUNCTIONS: CloudFunctionSpec[] = [
  {
    name: 'api',
    entry: 'cloudfunctions/api/index.ts',
    // Notifier (subscribe messages), ContentCheck (text a teacher publishes), QrCodes (activity codes).
    openapi: ['subscribeMessage.send', 'security.msgSecCheck', 'wxacode.getUnlimited'],
  },
  {
    name: 'cron',
    entry: 'cloudfunctions/cron/index.ts',
    // Jobs send notices through the Notifier; they publish no user text, so no msgSecCheck.
    openapi: ['subscribeMessage.send'],
    triggers: JOBS.map((job) => ({ name: job.name, type: 'timer' as const, config: job.cron })),
  },
]

/** The wx-server-sdk version every function is deployed with (the one the bundles were tested against). */
export const WX_SERVER_SDK_VERSION = '4.0.2'
