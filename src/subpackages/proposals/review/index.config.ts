export default definePageConfig({ navigationBarTitleText: '提案审查与交办', enablePullDownRefresh: true })
