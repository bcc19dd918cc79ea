export default definePageConfig({ navigationBarTitleText: '考核目标设置' })
