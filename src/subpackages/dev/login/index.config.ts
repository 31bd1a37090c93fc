export default definePageConfig({ navigationBarTitleText: '演示登录', enablePullDownRefresh: true })
