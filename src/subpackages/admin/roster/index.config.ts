export default definePageConfig({ navigationBarTitleText: '会员名册', enablePullDownRefresh: true })
