export default definePageConfig({
  navigationBarTitleText: '会员资料',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
})
