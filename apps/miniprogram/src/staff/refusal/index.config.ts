export default definePageConfig({ navigationBarTitleText: '知情拒签登记' })
