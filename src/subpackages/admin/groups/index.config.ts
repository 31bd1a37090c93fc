export default definePageConfig({ navigationBarTitleText: '工会小组', enablePullDownRefresh: true })
