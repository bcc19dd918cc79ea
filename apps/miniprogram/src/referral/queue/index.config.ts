export default definePageConfig({ navigationBarTitleText: '转诊审核' })
