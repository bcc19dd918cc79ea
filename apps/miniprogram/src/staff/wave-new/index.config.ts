export default definePageConfig({ navigationBarTitleText: '新建调查批次' })
