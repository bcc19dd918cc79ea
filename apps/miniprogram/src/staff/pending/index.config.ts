export default definePageConfig({ navigationBarTitleText: '待确认签约' })
