export default definePageConfig({ navigationBarTitleText: '修改届次' })
