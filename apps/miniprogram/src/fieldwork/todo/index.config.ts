export default definePageConfig({ navigationBarTitleText: '待办', enablePullDownRefresh: false })
