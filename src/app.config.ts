import { appJsonPath, appPages, ROUTES } from './core/shared/routes'

// Main package: only what a teacher opens first; everything else lives in one subpackage per capability.
// Both lists come from the one routes table (core/shared/routes.ts).
const { pages, subPackages } = appPages(process.env.TARO_ENV)

export default defineAppConfig({
  pages,
  subPackages,
  // Only the components a page uses are injected when it opens (按需注入), not every component of the app.
  lazyCodeLoading: 'requiredComponents',
  // What a teacher opens next from each tab, downloaded while they read it (分包预下载; all pages of one package
  // share 2 MB of preloads — test/build/weapp-compiles.test.ts checks it). The admin package only chairs open.
  preloadRule: {
    [appJsonPath(ROUTES.home)]: {
      network: 'all',
      packages: ['subpackages/notices', 'subpackages/activities', 'subpackages/proposals', 'subpackages/messages'],
    },
    [appJsonPath(ROUTES.me)]: { network: 'all', packages: ['subpackages/care'] },
  },
  window: {
    // WeChat draws this bar with its back button; the browser build draws it only when asked (Taro's router),
    // and without it a page opened from 首页 had no way back but the browser's own button.
    navigationStyle: 'default',
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
        pagePath: appJsonPath(ROUTES.home),
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: appJsonPath(ROUTES.me),
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
})
