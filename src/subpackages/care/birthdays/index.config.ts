export default definePageConfig({ navigationBarTitleText: '生日关怀', enablePullDownRefresh: true })
