export default definePageConfig({ navigationBarTitleText: '提案公开栏', enablePullDownRefresh: true })
