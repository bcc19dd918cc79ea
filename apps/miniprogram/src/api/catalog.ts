import { http } from './client'
import type { SigningPolicy } from '@jiayi/contract'
import type { Agreement, Community, OfferedPackage, Quote, Team } from './types'

/** What a resident chooses from when signing: communities, teams, packages, the agreement. */
export const catalogApi = {
  communities: () => http.get<Community[]>('/communities'),
  teams: (communityId: string) => http.get<Team[]>('/teams', { communityId }),
  packages: (personId: string) => http.get<OfferedPackage[]>('/packages', { personId }),
  /** The region's signing rules for that person (how many personalised packages, the renewal window). */
  policy: (personId: string) => http.get<SigningPolicy>('/policy', { personId }),
  quote: (personId: string, packageCodes: string[], years: number) => http.post<Quote>('/quotes', { personId, packageCodes, years }),
  currentAgreement: () => http.get<Agreement>('/agreements/current'),
}
