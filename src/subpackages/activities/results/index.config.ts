export default definePageConfig({ navigationBarTitleText: '成绩排名', enablePullDownRefresh: true })
