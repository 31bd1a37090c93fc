export default definePageConfig({ navigationBarTitleText: '提案统计', enablePullDownRefresh: true })
