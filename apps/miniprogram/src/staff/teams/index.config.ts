export default definePageConfig({ navigationBarTitleText: '团队名额' })
