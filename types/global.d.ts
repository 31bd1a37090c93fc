/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5'
    /** CloudBase environment id, from .env.* */
    TARO_APP_CLOUD_ENV?: string
    /** Subscribe-message template ids by name (JSON), for the consent dialog only. */
    TARO_APP_TEMPLATE_IDS?: string
  }
}

/// <reference types="miniprogram-api-typings" />
