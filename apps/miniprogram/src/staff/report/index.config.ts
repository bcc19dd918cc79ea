export default definePageConfig({ navigationBarTitleText: '调查报告' })
