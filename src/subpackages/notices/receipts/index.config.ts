export default definePageConfig({ navigationBarTitleText: '已读回执', enablePullDownRefresh: true })
