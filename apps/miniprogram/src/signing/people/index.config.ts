export default definePageConfig({ navigationBarTitleText: '选择签约人' })
