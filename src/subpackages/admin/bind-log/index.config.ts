export default definePageConfig({ navigationBarTitleText: '绑定记录', enablePullDownRefresh: true })
