// The shapes of the HTTP API come from one place, `@jiayi/contract` (libs/contract), which the API
// also declares and checks its responses against; this file only re-exports them under the names
// the screens use. Never re-type a response here.
export type {
  AccountClosure,
  Agreement,
  AnswerInput as Answer,
  Community,
  Contract,
  CreateContractsInput as CreateContractInput,
  ConsentWithdrawal,
  CreateWaveInput,
  FamilyMemberInput,
  LoginResult as LoginResponse,
  Me,
  Notice,
  OfferedPackage,
  Person,
  ProfileInput,
  ResidentWave as SurveyWave,
  ResidentWaveSummary as SurveyWaveSummary,
  SigningRefusal,
  SigningRefusalInput as RefusalInput,
  StaffContractListItem as PendingContract,
  StaffContractPage,
  StaffResident,
  StaffTeam,
  StaffWave,
  StaffWaveDetail,
  SurveyReport,
  Team,
  TeamDoctor,
  QuestionnaireSummary,
} from '@jiayi/contract'
export type { KeyGroupTag, Quote, Questionnaire, QuestionReport as ReportQuestion, ServicePackage, WaveScopeType as ScopeType } from '@jiayi/domain'
export type { IndicatorResult as Indicator } from '@jiayi/domain'

export type {
  AudienceInput,
  AudiencePreview,
  Feedback,
  FeedbackInput,
  FeedItem,
  FeedItemDetail,
  NotificationTemplate,
  PushInput,
  PushStats,
  StaffFeedback,
  StaffPush,
  Subscription,
  SubscriptionsInput,
  TemplateStats,
  Upload,
} from '@jiayi/contract'
export type {
  CrossTabView as CrossTab,
  Fieldwork,
  OfferedPackage as StaffPackage,
  RateShape as RateValue,
  ResponseChannels,
  SampleMember,
  TextAnswerPage,
} from '@jiayi/contract'
export type { BreakdownRow, CallOutcome } from '@jiayi/domain'
