export default definePageConfig({ navigationBarTitleText: '选择医生团队' })
