export default defineAppConfig({
  pages: ['pages/index/index', 'pages/services/index', 'pages/feed/index', 'pages/mine/index'],
  subPackages: [
    {
      root: 'account',
      pages: ['login/index', 'privacy/index', 'rights/index'],
    },
    {
      root: 'signing',
      pages: [
        'profile/index',
        'family/index',
        'people/index',
        'team/index',
        'packages/index',
        'agreement/index',
        'submit/index',
        'success/index',
        'contracts/index',
        'contract/index',
      ],
    },
    {
      root: 'survey',
      pages: ['waves/index', 'answer/index', 'thanks/index'],
    },
    {
      root: 'staff',
      pages: [
        'login/index',
        'home/index',
        'pending/index',
        'teams/index',
        'refusal/index',
        'waves/index',
        'wave-new/index',
        'phone-entry/index',
        'report/index',
        'dashboard/index',
        'indicator/index',
        'populations/index',
        'targets/index',
        'fieldwork/index',
        'packages/index',
        'policy/index',
      ],
    },
    {
      root: 'referral',
      pages: ['book/index', 'mine/index', 'queue/index', 'pools/index', 'arrivals/index'],
    },
    {
      root: 'news',
      pages: ['detail/index', 'notices/index', 'feedback/index'],
    },
    {
      root: 'outreach',
      pages: ['pushes/index', 'compose/index', 'stats/index', 'feedback/index'],
    },
    {
      root: 'fieldwork',
      pages: ['onsite/index', 'todo/index', 'resident/index', 'record/index', 'lookup/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#0b5d3b',
    navigationBarTitleText: '家医',
    navigationBarTextStyle: 'white',
    // H5 draws the same bar, with a back button, only when asked for.
    navigationStyle: 'default',
    backgroundColor: '#f3f5f4',
  },
  tabBar: {
    color: '#333333',
    selectedColor: '#0b5d3b',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/services/index', text: '服务', iconPath: 'assets/tab/services.png', selectedIconPath: 'assets/tab/services-active.png' },
      { pagePath: 'pages/feed/index', text: '资讯', iconPath: 'assets/tab/feed.png', selectedIconPath: 'assets/tab/feed-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
})
