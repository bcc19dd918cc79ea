import { INDICATOR_GROUPS, POPULATION_GROUPS } from '@jiayi/domain';
import { DateString, DateTimeString, Dictionary, Nullable, StringEnum, Type, type Static } from './schema';

const GroupSchema = StringEnum(INDICATOR_GROUPS.map((g) => g.code));
const ScoringSchema = StringEnum(['threshold', 'proportional'] as const);
const GradeSchema = StringEnum(['excellent', 'good', 'fair', 'poor'] as const);
const StatusSchema = StringEnum(['scored', 'notApplicable', 'noData'] as const, {
  description: 'notApplicable: the population is zero (left out, the rest standardised); noData: records not kept yet',
});
const PopulationGroupSchema = StringEnum(POPULATION_GROUPS.map((g) => g.code));

/** One indicator for an area and period, scored. Rates and targets are fractions (0.9 = 90 %). */
export const IndicatorSchema = Type.Object({
  code: Type.String({ example: 'renewal' }),
  name: Type.String({ example: '续约率' }),
  group: GroupSchema,
  status: StatusSchema,
  numerator: Nullable(Type.Integer()),
  denominator: Nullable(Type.Integer()),
  numeratorLabel: Type.String(),
  denominatorLabel: Type.String(),
  rate: Nullable(Type.Number()),
  ci95: Nullable(Type.Array(Type.Number(), { minItems: 2, maxItems: 2 })),
  target: Type.Number(),
  direction: StringEnum(['atLeast', 'atMost'] as const),
  scoring: ScoringSchema,
  met: Nullable(Type.Boolean()),
  points: Nullable(Type.Number()),
  maxPoints: Type.Number(),
  /** Whether the people behind the rate can be listed (GET /api/staff/indicators/:code/people). */
  drillDown: Type.Boolean(),
});
export type Indicator = Static<typeof IndicatorSchema>;

const ScoreFields = {
  total: Type.Number({ description: 'points scored over the indicators that count' }),
  maxTotal: Type.Number({ description: 'the points those indicators could give' }),
  fullMark: Type.Number(),
  standardised: Nullable(Type.Number({ description: '标化: total scaled to the full mark' })),
  grade: Nullable(GradeSchema),
  gradeLabel: Nullable(Type.String({ example: '良' })),
};

const AreaSchema = Type.Object({ kind: StringEnum(['region', 'institution', 'team'] as const), id: Type.String(), name: Type.String() });

/** A team (or, for the region, an institution) in the comparison table. */
export const IndicatorUnitSchema = Type.Object({
  ...AreaSchema.properties,
  indicators: Type.Array(IndicatorSchema),
  ...ScoreFields,
});
export type IndicatorUnit = Static<typeof IndicatorUnitSchema>;

/** GET /api/staff/indicators */
export const IndicatorReportSchema = Type.Object({
  period: Type.Object({ from: DateString(), to: DateString(), countingDay: DateString('the day signed residents are counted on') }),
  area: AreaSchema,
  groups: Type.Array(Type.Object({ code: GroupSchema, label: Type.String() })),
  indicators: Type.Array(IndicatorSchema),
  ...ScoreFields,
  units: Type.Array(IndicatorUnitSchema),
});
export type IndicatorReport = Static<typeof IndicatorReportSchema>;

/** GET /api/staff/indicators/trend */
export const IndicatorTrendSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  target: Type.Number(),
  points: Type.Array(
    Type.Object({
      month: Type.String({ example: '2026-03' }),
      numerator: Nullable(Type.Integer()),
      denominator: Nullable(Type.Integer()),
      rate: Nullable(Type.Number()),
    }),
  ),
});
export type IndicatorTrend = Static<typeof IndicatorTrendSchema>;

/** One person behind a rate (masked; the read is audited). */
export const IndicatorPersonSchema = Type.Object({
  personId: Type.String(),
  name: Type.String(),
  idNumberMasked: Type.String(),
  gender: StringEnum(['male', 'female'] as const),
  age: Type.Integer(),
  teamName: Nullable(Type.String()),
  contractId: Nullable(Type.String()),
  signedFrom: Nullable(DateString()),
  endDate: Nullable(DateString()),
  /** What puts the person in the list, for the plan and referral rates (到期随访 4 次，按时完成 3 次; a referral's day, hospital and status). */
  detail: Type.Optional(Type.String({ example: '到期随访 4 次，按时完成 3 次' })),
});
export type IndicatorPerson = Static<typeof IndicatorPersonSchema>;

/** GET /api/staff/indicators/:code/people */
export const IndicatorPeopleSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  part: StringEnum(['numerator', 'gap'] as const),
  partLabel: Type.String({ example: '未续约的到期协议' }),
  items: Type.Array(IndicatorPersonSchema),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export type IndicatorPeople = Static<typeof IndicatorPeopleSchema>;

/** A community's population figures for a year. */
export const PopulationSchema = Type.Object({
  communityId: Type.String(),
  communityName: Type.String(),
  institutionId: Type.String(),
  institutionName: Type.String(),
  year: Type.Integer(),
  residents: Nullable(Type.Integer({ description: 'null: not entered yet' })),
  groups: Dictionary(Type.Integer(), { description: 'count per key group' }),
  updatedAt: Nullable(DateTimeString()),
});
export type Population = Static<typeof PopulationSchema>;

/** GET /api/staff/populations */
export const PopulationListSchema = Type.Object({
  year: Type.Integer(),
  groups: Type.Array(Type.Object({ code: PopulationGroupSchema, label: Type.String() })),
  items: Type.Array(PopulationSchema),
});
export type PopulationList = Static<typeof PopulationListSchema>;

/** PUT /api/staff/populations body. */
export interface PopulationInput {
  communityId: string;
  year: number;
  residents: number;
  groups: Partial<Record<(typeof POPULATION_GROUPS)[number]['code'], number>>;
}

/** POST /api/staff/populations/import body: the filled-in template as base64. */
export interface PopulationImportInput {
  year: number;
  fileBase64: string;
}

/** POST /api/staff/populations/import: stored rows, or (400) every faulty row and nothing stored. */
export const PopulationImportResultSchema = Type.Object({ year: Type.Integer(), imported: Type.Integer() });
export type PopulationImportResult = Static<typeof PopulationImportResultSchema>;

/** The region's setting of one indicator, beside the seeds' default. */
export const IndicatorTargetSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  group: GroupSchema,
  direction: StringEnum(['atLeast', 'atMost'] as const),
  target: Type.Number(),
  points: Type.Number(),
  scoring: ScoringSchema,
  defaults: Type.Object({ target: Type.Number(), points: Type.Number(), scoring: ScoringSchema }),
});

/** GET/PUT /api/staff/indicator-targets */
export const IndicatorTargetListSchema = Type.Object({ fullMark: Type.Number(), items: Type.Array(IndicatorTargetSchema) });
export type IndicatorTargetList = Static<typeof IndicatorTargetListSchema>;

/** PUT /api/staff/indicator-targets body: every indicator the region sets (others take the defaults). */
export interface IndicatorTargetsInput {
  targets: { code: string; target: number; points: number; scoring: 'threshold' | 'proportional' }[];
}
