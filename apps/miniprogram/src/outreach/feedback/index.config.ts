export default definePageConfig({ navigationBarTitleText: '居民反馈' })
