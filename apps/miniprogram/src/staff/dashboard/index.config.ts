export default definePageConfig({ navigationBarTitleText: '绩效考核' })
