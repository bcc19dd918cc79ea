import {
  CALL_OUTCOMES,
  type BreakdownDimension,
  RESPONSE_CHANNELS,
  WAVE_SCOPE_TYPES,
  type CrossTab,
  type IndicatorResult,
  type Questionnaire,
  type QuestionReport,
  type Rate,
} from '@jiayi/domain';
import { DateTimeString, Dictionary, Nullable, NumberPair, StringEnum, Type, type Static } from './schema';
import type { Assert, Same } from './schema-checks';

const QuestionTypeSchema = StringEnum(['single', 'multiple', 'text', 'rating'] as const);

export const QuestionnaireBodySchema = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  title: Type.String(),
  questions: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      type: QuestionTypeSchema,
      required: Type.Boolean(),
      options: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), score: Type.Optional(Type.Number()) })),
      showIf: Type.Optional(Type.Object({ questionId: Type.String(), optionIds: Type.Array(Type.String()) })),
      sensitive: Type.Optional(Type.Boolean({ description: 'the answer reveals health information: kept encrypted and in aggregates only' })),
    }),
  ),
  indicators: Type.Array(
    Type.Union([
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        kind: StringEnum(['rate'] as const),
        questionId: Type.String(),
        optionIds: Type.Array(Type.String()),
      }),
      Type.Object({ code: Type.String(), name: Type.String(), kind: StringEnum(['meanScore'] as const), questionId: Type.String() }),
    ]),
  ),
});
export type QuestionnaireBodyShape = Assert<Same<Static<typeof QuestionnaireBodySchema>, Questionnaire>>;

/** A stored questionnaire version: the definition with its id. */
export const QuestionnaireSchema = Type.Intersect([Type.Object({ id: Type.String() }), QuestionnaireBodySchema]);
export type StoredQuestionnaire = Questionnaire & { id: string };

/** GET /api/staff/questionnaires */
export const QuestionnaireSummarySchema = Type.Object({ id: Type.String(), code: Type.String(), version: Type.Integer(), title: Type.String() });
export type QuestionnaireSummary = Static<typeof QuestionnaireSummarySchema>;

/** POST /api/staff/questionnaires */
export const CreatedQuestionnaireSchema = Type.Object({ ...QuestionnaireSummarySchema.properties, questionnaire: QuestionnaireBodySchema });

/** GET /api/survey-waves: the open waves whose scope contains the resident. */
export const ResidentWaveSummarySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  questionnaireTitle: Type.String(),
  opensAt: DateTimeString(),
  closesAt: DateTimeString(),
  answered: Type.Boolean(),
});
export type ResidentWaveSummary = Static<typeof ResidentWaveSummarySchema>;

/** GET /api/survey-waves/:id */
export const ResidentWaveSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  opensAt: DateTimeString(),
  closesAt: DateTimeString(),
  answered: Type.Boolean(),
  questionnaire: QuestionnaireSchema,
});
export type ResidentWave = Static<typeof ResidentWaveSchema>;

export interface AnswerInput {
  questionId: string;
  optionIds?: string[];
  text?: string;
}

/** POST /api/survey-waves/:id/responses and the staff-entered ones. */
export const SurveyResponseReceiptSchema = Type.Object({
  id: Type.String(),
  waveId: Type.String(),
  personId: Type.String(),
  channel: StringEnum(RESPONSE_CHANNELS),
  submittedAt: DateTimeString(),
});
export type SurveyResponseReceipt = Static<typeof SurveyResponseReceiptSchema>;

/** A wave as staff list it (GET /api/staff/survey-waves, POST /api/staff/survey-waves). */
export const StaffWaveSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  questionnaireId: Type.String(),
  questionnaireTitle: Type.String(),
  scope: Type.Object({ type: StringEnum(WAVE_SCOPE_TYPES), id: Type.String(), institutionId: Nullable(Type.String()), teamId: Nullable(Type.String()) }),
  opensAt: DateTimeString(),
  closesAt: DateTimeString(),
  sampleSize: Nullable(Type.Integer()),
  respondents: Type.Integer(),
});
export type StaffWave = Static<typeof StaffWaveSchema>;

/** GET /api/staff/survey-waves/:id: the wave with its questionnaire, for phone entry. */
export const StaffWaveDetailSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  scopeType: StringEnum(WAVE_SCOPE_TYPES),
  scopeId: Type.String(),
  opensAt: DateTimeString(),
  closesAt: DateTimeString(),
  questionnaire: QuestionnaireSchema,
});
export type StaffWaveDetail = Static<typeof StaffWaveDetailSchema>;

export interface CreateWaveInput {
  questionnaireId: string;
  title: string;
  scopeType: (typeof WAVE_SCOPE_TYPES)[number];
  scopeId: string;
  opensAt: string;
  closesAt: string;
  sampleSize?: number;
}

/** GET /api/staff/survey-waves/:id/sample: the call list. */
export const SampleMemberSchema = Type.Object({
  personId: Type.String(),
  name: Type.String(),
  idNumberMasked: Type.String(),
  age: Nullable(Type.Integer({ description: 'prefills the age question of the interview' })),
  phone: Nullable(Type.String({ description: 'to dial; the read is audited' })),
  teamId: Nullable(Type.String()),
  calls: Type.Integer(),
  lastOutcome: Nullable(StringEnum(CALL_OUTCOMES)),
  lastCalledAt: Nullable(DateTimeString()),
  responded: Type.Boolean(),
});
export type SampleMember = Static<typeof SampleMemberSchema>;

/** POST /api/staff/survey-waves/:id/calls */
export const SurveyCallSchema = Type.Object({
  id: Type.String(),
  waveId: Type.String(),
  personId: Type.String(),
  outcome: StringEnum(CALL_OUTCOMES),
  note: Nullable(Type.String()),
  calledAt: DateTimeString(),
});
export type SurveyCall = Static<typeof SurveyCallSchema>;

export interface RecordCallInput {
  personId: string;
  outcome: (typeof CALL_OUTCOMES)[number];
  note?: string;
}

export const RateSchema = Type.Object({
  numerator: Type.Integer(),
  denominator: Type.Integer(),
  rate: Nullable(Type.Number({ description: 'fraction in [0, 1]' })),
  ci95: Nullable(NumberPair('Wilson 95 % interval')),
});
export type RateShape = Static<typeof RateSchema>;

/** GET /api/staff/survey-waves/:id/fieldwork */
export const FieldworkSchema = Type.Object({
  waveId: Type.String(),
  sampled: Type.Integer(),
  called: Type.Integer(),
  contacted: Type.Integer(),
  responded: Type.Integer(),
  reach: RateSchema,
  responseRate: RateSchema,
  lastOutcomes: Type.Object({
    connected: Type.Integer(),
    noAnswer: Type.Integer(),
    emptyNumber: Type.Integer(),
    wrongNumber: Type.Integer(),
    refused: Type.Integer(),
    notCalled: Type.Integer(),
  }),
  numbersToCorrect: Type.Array(
    Type.Object({
      personId: Type.String(),
      name: Type.String(),
      idNumberMasked: Type.String(),
      phone: Nullable(Type.String()),
      teamId: Nullable(Type.String()),
      outcome: Nullable(StringEnum(CALL_OUTCOMES)),
      calledAt: Nullable(DateTimeString()),
    }),
  ),
});
export type Fieldwork = Static<typeof FieldworkSchema>;

export const IndicatorResultSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: StringEnum(['rate', 'meanScore'] as const),
  numerator: Type.Integer(),
  denominator: Type.Integer(),
  rate: Nullable(Type.Number({ description: 'fraction in [0, 1]' })),
  ci95: Nullable(NumberPair('Wilson 95 % interval')),
  meanScore: Type.Optional(Nullable(Type.Number())),
});

export const QuestionReportSchema = Type.Object({
  questionId: Type.String(),
  title: Type.String(),
  type: QuestionTypeSchema,
  validRespondents: Type.Integer({ description: '本题有效填写人次' }),
  options: Type.Array(
    Type.Object({ optionId: Type.String(), label: Type.String(), count: Type.Integer(), percent: Type.Number({ description: 'count / validRespondents' }) }),
  ),
});
export type QuestionReportShape = Assert<Same<Static<typeof QuestionReportSchema>, QuestionReport>>;

const BreakdownRowSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  respondents: Type.Integer(),
  indicators: Type.Array(IndicatorResultSchema),
});

/** GET /api/staff/survey-waves/:id/report */
export const SurveyReportSchema = Type.Object({
  waveId: Type.String(),
  title: Type.String(),
  questionnaireId: Type.String(),
  respondents: Type.Integer(),
  questions: Type.Array(QuestionReportSchema),
  indicators: Type.Array(IndicatorResultSchema),
  breakdowns: Type.Object({
    institution: Type.Array(BreakdownRowSchema),
    team: Type.Array(BreakdownRowSchema),
    keyGroup: Type.Array(BreakdownRowSchema),
    ageBand: Type.Array(BreakdownRowSchema),
    signingDuration: Type.Array(BreakdownRowSchema),
  }),
});
export type SurveyReport = Static<typeof SurveyReportSchema>;
export type IndicatorResultShape = Assert<Same<Static<typeof IndicatorResultSchema>, IndicatorResult>>;
export type BreakdownsShape = Assert<Same<keyof Static<typeof SurveyReportSchema>['breakdowns'], BreakdownDimension>>;

/** GET /api/staff/survey-waves/:id/crosstab */
export const CrossTabSchema = Type.Object({
  waveId: Type.String(),
  rowQuestionId: Type.String(),
  columnQuestionId: Type.String(),
  respondents: Type.Integer(),
  cells: Dictionary(Dictionary(Type.Integer()), { description: 'cells[rowOptionId][columnOptionId] = respondents' }),
  rows: Type.Array(Type.Object({ optionId: Type.String(), label: Type.String() })),
  columns: Type.Array(Type.Object({ optionId: Type.String(), label: Type.String() })),
});
export type CrossTabView = Static<typeof CrossTabSchema>;
export type CrossTabShape = Assert<Same<Omit<CrossTabView, 'waveId' | 'rows' | 'columns'>, CrossTab>>;

/** PUT /api/staff/survey-waves/:id/sample/:personId/phone: the corrected number, now the person's phone. */
export const CorrectedPhoneSchema = Type.Object({ personId: Type.String(), phone: Type.String() });

/** GET /api/staff/survey-waves/:id/channels: how the responses came in. */
export const ResponseChannelsSchema = Type.Object({ waveId: Type.String(), total: Type.Integer(), counts: Dictionary(Type.Integer()) });
export type ResponseChannels = Static<typeof ResponseChannelsSchema>;

/** GET /api/staff/survey-waves/:id/text-answers: newest first, no names (the report is anonymous). */
export const TextAnswerPageSchema = Type.Object({
  waveId: Type.String(),
  questionId: Type.String(),
  items: Type.Array(Type.Object({ text: Type.String(), channel: StringEnum(RESPONSE_CHANNELS), submittedAt: DateTimeString() })),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export type TextAnswerPage = Static<typeof TextAnswerPageSchema>;

export type RateShapeMatches = Assert<Same<RateShape, Rate>>;
