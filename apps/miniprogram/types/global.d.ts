/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production'
    TARO_ENV: 'weapp' | 'h5'
    /** API origin for the weapp build (the H5 build calls its own origin). */
    TARO_APP_API_BASE: string
  }
}
