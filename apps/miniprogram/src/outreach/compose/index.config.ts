export default definePageConfig({ navigationBarTitleText: '写健康资讯' })
