export default definePageConfig({ navigationBarTitleText: '代小组成员报名', enablePullDownRefresh: true })
