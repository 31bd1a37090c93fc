// Main package: only what a teacher opens first. Everything else lives in subpackages.
const devPages = process.env.TARO_ENV === 'h5' ? [{ root: 'subpackages/dev', pages: ['login/index'] }] : []

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/activity/index', 'pages/bind/index', 'pages/me/index'],
  subPackages: [
    { root: 'subpackages/admin', pages: ['roster/index', 'member/index', 'import/index', 'groups/index', 'bind-log/index'] },
    // One line per capability: its owner edits only its own line.
    { root: 'subpackages/activities', pages: ['list/index'] },
    { root: 'subpackages/notices', pages: ['list/index'] },
    { root: 'subpackages/care', pages: ['birthdays/index'] },
    { root: 'subpackages/messages', pages: ['list/index'] },
    { root: 'subpackages/proposals', pages: ['board/index'] },
    ...devPages,
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c0392b',
    navigationBarTitleText: '教工之家',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    color: '#555555',
    selectedColor: '#c0392b',
    backgroundColor: '#ffffff',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
})
