export default definePageConfig({ navigationBarTitleText: '签约详情' })
