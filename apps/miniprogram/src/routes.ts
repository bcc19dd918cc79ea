/** Every page path in one place, so a moved page breaks the build rather than a tap. */
export const ROUTES = {
  home: '/pages/index/index',
  services: '/pages/services/index',
  feed: '/pages/feed/index',
  mine: '/pages/mine/index',

  login: '/account/login/index',
  privacy: '/account/privacy/index',
  rights: '/account/rights/index',

  profile: '/signing/profile/index',
  family: '/signing/family/index',
  people: '/signing/people/index',
  team: '/signing/team/index',
  packages: '/signing/packages/index',
  agreement: '/signing/agreement/index',
  submit: '/signing/submit/index',
  success: '/signing/success/index',
  contracts: '/signing/contracts/index',
  contract: '/signing/contract/index',

  waves: '/survey/waves/index',
  answer: '/survey/answer/index',
  thanks: '/survey/thanks/index',

  staffLogin: '/staff/login/index',
  staffHome: '/staff/home/index',
  staffPending: '/staff/pending/index',
  staffTeams: '/staff/teams/index',
  staffRefusal: '/staff/refusal/index',
  staffWaves: '/staff/waves/index',
  staffWaveNew: '/staff/wave-new/index',
  staffPhoneEntry: '/staff/phone-entry/index',
  staffReport: '/staff/report/index',

  referralBook: '/referral/book/index',
  referralMine: '/referral/mine/index',
  referralQueue: '/referral/queue/index',
  referralPools: '/referral/pools/index',
  referralArrivals: '/referral/arrivals/index',

  newsDetail: '/news/detail/index',
  notices: '/news/notices/index',
  feedback: '/news/feedback/index',

  outreachPushes: '/outreach/pushes/index',
  outreachCompose: '/outreach/compose/index',
  outreachStats: '/outreach/stats/index',
  outreachFeedback: '/outreach/feedback/index',
  fieldworkOnsite: '/fieldwork/onsite/index',
  fieldworkTodo: '/fieldwork/todo/index',
  fieldworkResident: '/fieldwork/resident/index',
  fieldworkRecord: '/fieldwork/record/index',
  fieldworkLookup: '/fieldwork/lookup/index',
  staffDashboard: '/staff/dashboard/index',
  staffIndicator: '/staff/indicator/index',
  staffPopulations: '/staff/populations/index',
  staffTargets: '/staff/targets/index',
  staffFieldwork: '/staff/fieldwork/index',
  staffPackages: '/staff/packages/index',
  staffPolicy: '/staff/policy/index',
} as const

export const TAB_ROUTES: string[] = [ROUTES.home, ROUTES.services, ROUTES.feed, ROUTES.mine]

export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `${path}?${parts.join('&')}` : path
}
