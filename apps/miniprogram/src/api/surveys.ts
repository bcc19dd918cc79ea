import { http } from './client'
import type { Answer, SurveyWave, SurveyWaveSummary } from './types'

export const surveysApi = {
  openWaves: () => http.get<SurveyWaveSummary[]>('/survey-waves'),
  wave: (id: string) => http.get<SurveyWave>(`/survey-waves/${id}`),
  respond: (id: string, answers: Answer[]) => http.create<unknown>(`/survey-waves/${id}/responses`, { answers }),
}
