// Main package: only what a teacher opens first. Everything else lives in subpackages.
const devPages = process.env.TARO_ENV === 'h5' ? [{ root: 'subpackages/dev', pages: ['login/index'] }] : []

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/activity/index', 'pages/bind/index', 'pages/me/index'],
  subPackages: [
    {
      root: 'subpackages/admin',
      pages: ['roster/index', 'member/index', 'import/index', 'groups/index', 'bind-log/index'],
    },
    // One entry per capability's subpackage.
    {
      root: 'subpackages/activities',
      pages: [
        'list/index',
        'mine/index',
        'edit/index',
        'roster/index',
        'poster/index',
        'checkin/index',
        'results/index',
        'proxy/index',
      ],
    },
    { root: 'subpackages/notices', pages: ['list/index', 'detail/index', 'edit/index', 'receipts/index'] },
    { root: 'subpackages/care', pages: ['birthdays/index', 'settings/index'] },
    { root: 'subpackages/messages', pages: ['list/index'] },
    {
      root: 'subpackages/proposals',
      pages: [
        'board/index',
        'detail/index',
        'edit/index',
        'mine/index',
        'review/index',
        'reply/index',
        'sessions/index',
        'session/index',
        'report/index',
        'suggestions/index',
      ],
    },
    ...devPages,
  ],
  // Only the components a page uses are injected when it opens (按需注入), not every component of the app.
  lazyCodeLoading: 'requiredComponents',
  // What a teacher opens next from each tab, downloaded while they read it (分包预下载; all pages of one package
  // share 2 MB of preloads — test/build/weapp-compiles.test.ts checks it). The admin package only chairs open.
  preloadRule: {
    'pages/index/index': {
      network: 'all',
      packages: ['subpackages/notices', 'subpackages/activities', 'subpackages/proposals', 'subpackages/messages'],
    },
    'pages/me/index': { network: 'all', packages: ['subpackages/care'] },
  },
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
      // Drawn in assets/tabbar/*.svg (COLOR stands for #555555 or, when selected, #c0392b), 81×81 PNG.
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
})
