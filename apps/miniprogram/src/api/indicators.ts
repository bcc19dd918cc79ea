import type {
  IndicatorPeople,
  IndicatorReport,
  IndicatorTargetList,
  IndicatorTargetsInput,
  IndicatorTrend,
  PopulationImportInput,
  PopulationImportResult,
  PopulationInput,
  PopulationList,
} from '@jiayi/contract'
import { apiUrl, http } from './client'

export type {
  Indicator,
  IndicatorPeople,
  IndicatorReport,
  IndicatorTargetList,
  IndicatorTrend,
  IndicatorUnit,
  Population,
  PopulationList,
} from '@jiayi/contract'

/** Which area: nothing for the caller's own (institution or team), or one institution / team inside it. */
export interface AreaQuery {
  institutionId?: string
  teamId?: string
  from?: string
  to?: string
}

export const indicatorsApi = {
  report: (area: AreaQuery) => http.get<IndicatorReport>('/staff/indicators', { ...area }),
  workbookUrl: (area: AreaQuery) => apiUrl('/staff/indicators.xlsx', { ...area }),
  trend: (code: string, area: AreaQuery) =>
    http.get<IndicatorTrend>('/staff/indicators/trend', { code, institutionId: area.institutionId, teamId: area.teamId, months: 12 }),
  people: (code: string, part: 'numerator' | 'gap', area: AreaQuery, offset = 0) =>
    http.get<IndicatorPeople>(`/staff/indicators/${encodeURIComponent(code)}/people`, { ...area, part, limit: 50, offset }),
  peopleUrl: (code: string, part: 'numerator' | 'gap', area: AreaQuery) =>
    apiUrl(`/staff/indicators/${encodeURIComponent(code)}/people.xlsx`, { ...area, part }),
  populations: (year: number) => http.get<PopulationList>('/staff/populations', { year }),
  savePopulation: (input: PopulationInput) => http.put<unknown>('/staff/populations', input),
  populationTemplateUrl: (year: number) => apiUrl('/staff/populations/template.xlsx', { year }),
  importPopulations: (input: PopulationImportInput) => http.post<PopulationImportResult>('/staff/populations/import', input),
  targets: () => http.get<IndicatorTargetList>('/staff/indicator-targets'),
  saveTargets: (input: IndicatorTargetsInput) => http.put<IndicatorTargetList>('/staff/indicator-targets', input),
}
