export default definePageConfig({ navigationBarTitleText: '我的提案', enablePullDownRefresh: true })
