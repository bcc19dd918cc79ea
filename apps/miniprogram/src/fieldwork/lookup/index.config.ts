export default definePageConfig({ navigationBarTitleText: '查找居民' })
