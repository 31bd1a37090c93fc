export default definePageConfig({ navigationBarTitleText: '生日祝福设置' })
