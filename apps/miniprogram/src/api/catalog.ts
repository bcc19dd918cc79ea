import { http } from './client'
import type { Agreement, Community, OfferedPackage, Quote, Team } from './types'

/** What a resident chooses from when signing: communities, teams, packages, the agreement. */
export const catalogApi = {
  communities: () => http.get<Community[]>('/communities'),
  teams: (communityId: string) => http.get<Team[]>('/teams', { communityId }),
  packages: (personId: string) => http.get<OfferedPackage[]>('/packages', { personId }),
  quote: (personId: string, packageCodes: string[], years: number) =>
    http.post<Quote>('/quotes', { personId, packageCodes, years }),
  currentAgreement: () => http.get<Agreement>('/agreements/current'),
}
