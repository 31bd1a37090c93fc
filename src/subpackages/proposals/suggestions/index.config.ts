export default definePageConfig({ navigationBarTitleText: '合理化建议', enablePullDownRefresh: true })
