export default definePageConfig({ navigationBarTitleText: '提案答复', enablePullDownRefresh: true })
