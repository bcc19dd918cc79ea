export default definePageConfig({ navigationBarTitleText: '区域政策' })
