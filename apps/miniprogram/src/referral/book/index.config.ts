export default definePageConfig({ navigationBarTitleText: '预约转诊' })
