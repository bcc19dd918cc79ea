export default definePageConfig({ navigationBarTitleText: '人口数据' })
