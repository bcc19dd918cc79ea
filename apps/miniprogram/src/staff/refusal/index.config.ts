export default definePageConfig({ navigationBarTitleText: '未签约登记' })
