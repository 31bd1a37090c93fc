// enableShareAppMessage: teachers forward an activity to their WeChat group (the card: useShareActivity).
export default definePageConfig({
  navigationBarTitleText: '活动详情',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
})
