export default definePageConfig({ navigationBarTitleText: '全部活动', enablePullDownRefresh: true })
