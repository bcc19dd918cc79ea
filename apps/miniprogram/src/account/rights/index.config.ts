export default definePageConfig({ navigationBarTitleText: '撤回同意与注销账号' })
