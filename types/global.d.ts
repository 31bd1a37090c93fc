/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5'
    /** CloudBase environment id, from .env.* */
    TARO_APP_CLOUD_ENV?: string
  }
}

/// <reference types="miniprogram-api-typings" />
