export default definePageConfig({ navigationBarTitleText: '感谢参与' })
