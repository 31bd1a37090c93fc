export default definePageConfig({ navigationBarTitleText: '生日' })
