import Taro from '@tarojs/taro'
import { ApiError, apiUrl, authHeaders, handleUnauthorized, http } from './client'
import type { CallOutcome, RegionPolicy, ServicePackage } from '@jiayi/domain'
import type {
  AnswerInput as Answer,
  CrossTabView as CrossTab,
  Fieldwork,
  OfferedPackage as StaffPackage,
  ResponseChannels,
  SampleMember,
  TextAnswerPage,
  CreateWaveInput,
  QuestionnaireSummary,
  SigningRefusalInput as RefusalInput,
  SigningRefusal,
  StaffContract,
  StaffContractPage,
  StaffResident,
  StaffTeam,
  StaffWave,
  StaffWaveDetail,
  SurveyReport,
  SurveyCall,
  SurveyResponseReceipt,
} from '@jiayi/contract'

export interface PendingFilters {
  q?: string
  communityId?: string
  packageCode?: string
}

export const staffApi = {
  /**
   * A page of the contracts waiting for confirmation, oldest first, searched and filtered by the API
   * (`q`: name, ID number or its last 4–6 characters, or mobile number): `{ items, total, limit, offset }`.
   */
  pendingContracts: (filters: PendingFilters, offset = 0, limit = 20) =>
    http.get<StaffContractPage>('/staff/contracts', { status: 'pending', ...filters, offset, limit }),
  confirmContract: (id: string, confirmedTags: string[]) => http.post<StaffContract>(`/staff/contracts/${id}/confirm`, { confirmedTags }),
  rejectContract: (id: string, reason: string) => http.post<StaffContract>(`/staff/contracts/${id}/reject`, { reason }),
  teams: () => http.get<StaffTeam[]>('/staff/teams'),
  recordRefusal: (input: RefusalInput) => http.create<SigningRefusal>('/staff/refusals', input),
  refusals: () => http.get<SigningRefusal[]>('/staff/refusals'),
  residents: (q: string) => http.get<StaffResident[]>('/staff/residents', { q }),
  questionnaires: () => http.get<QuestionnaireSummary[]>('/staff/questionnaires'),
  waves: () => http.get<StaffWave[]>('/staff/survey-waves'),
  createWave: (input: CreateWaveInput) => http.create<StaffWave>('/staff/survey-waves', input),
  /** A wave with its questionnaire, for entering a phone interview. */
  waveQuestionnaire: (id: string) => http.get<StaffWaveDetail>(`/staff/survey-waves/${id}`),
  enterResponse: (waveId: string, personId: string, channel: 'phone' | 'onsite', answers: Answer[]) =>
    http.create<SurveyResponseReceipt>(`/staff/survey-waves/${waveId}/responses`, { personId, channel, answers }),
  report: (waveId: string) => http.get<SurveyReport>(`/staff/survey-waves/${waveId}/report`),
  crossTab: (waveId: string, rowQuestionId: string, columnQuestionId: string) =>
    http.get<CrossTab>(`/staff/survey-waves/${waveId}/crosstab`, { rowQuestionId, columnQuestionId }),
  textAnswers: (waveId: string, questionId: string, offset: number, limit = 10) =>
    http.get<TextAnswerPage>(`/staff/survey-waves/${waveId}/text-answers`, { questionId, offset, limit }),
  channels: (waveId: string) => http.get<ResponseChannels>(`/staff/survey-waves/${waveId}/channels`),
  sample: (waveId: string) => http.get<SampleMember[]>(`/staff/survey-waves/${waveId}/sample`),
  recordCall: (waveId: string, personId: string, outcome: CallOutcome) => http.create<SurveyCall>(`/staff/survey-waves/${waveId}/calls`, { personId, outcome }),
  /** After 空号/错号: the corrected number becomes the person's phone (audited by the API). */
  correctPhone: (waveId: string, personId: string, phone: string) =>
    http.put<{ personId: string; phone: string }>(`/staff/survey-waves/${waveId}/sample/${personId}/phone`, { phone }),
  fieldwork: (waveId: string) => http.get<Fieldwork>(`/staff/survey-waves/${waveId}/fieldwork`),
  /** How many contracts of a status are in scope (one row fetched, the total read). */
  contractCount: (status: string) => http.get<StaffContractPage>('/staff/contracts', { status, limit: 1 }).then((page) => page.total),
  packages: () => http.get<StaffPackage[]>('/staff/packages'),
  createPackage: (pkg: ServicePackage) => http.create<StaffPackage>('/staff/packages', pkg),
  updatePackage: (pkg: ServicePackage) => http.put<StaffPackage>(`/staff/packages/${pkg.code}`, pkg),
  policy: () => http.get<RegionPolicy>('/staff/policies'),
  updatePolicy: (policy: RegionPolicy) => http.put<RegionPolicy>('/staff/policies', policy),
  reportXlsxUrl: (waveId: string) => apiUrl(`/staff/survey-waves/${waveId}/report.xlsx`),
}

/**
 * Downloads the Excel report. The file needs the bearer token, so a plain link cannot fetch it:
 * H5 fetches a blob and clicks an object URL; the mini-program downloads and opens the document.
 */
export function downloadReportXlsx(waveId: string, fileName: string): Promise<void> {
  return downloadXlsx(staffApi.reportXlsxUrl(waveId), fileName)
}

/** Downloads a workbook of the API (report, indicators, lists) the way downloadReportXlsx describes. */
export async function downloadXlsx(url: string, fileName: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const response = await fetch(url, { headers: authHeaders() })
    if (response.status === 401) {
      handleUnauthorized()
      throw new ApiError(401, '登录已过期，请重新登录')
    }
    if (!response.ok) throw new ApiError(response.status, '下载失败，请稍后再试')
    const objectUrl = URL.createObjectURL(await response.blob())
    const link = document.createElement('a')
    link.href = objectUrl
    link.download = fileName
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000)
    return
  }
  const result = await Taro.downloadFile({ url, header: authHeaders() })
  if (result.statusCode !== 200) throw new ApiError(result.statusCode, '下载失败，请稍后再试')
  await Taro.openDocument({ filePath: result.tempFilePath, fileType: 'xlsx', showMenu: true })
}
