export default definePageConfig({ navigationBarTitleText: '居民档案' })
