export default definePageConfig({ navigationBarTitleText: '指标详情' })
