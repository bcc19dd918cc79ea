export default definePageConfig({ navigationBarTitleText: '调查批次' })
