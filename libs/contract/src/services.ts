import {
  CONTRACT_STATUSES,
  DECLARABLE_TAGS,
  FAMILY_RELATIONS,
  KEY_GROUPS,
  NON_SIGNING_CATEGORIES,
  PLAN_ITEM_STATE_LABELS,
  RELATIONS,
  SERVICE_CHANNELS,
  SERVICE_TYPES,
} from '@jiayi/domain';
import { QuoteSchema } from './packages';
import { DateString, DateTimeString, Dictionary, Nullable, StringEnum, Type, type Static } from './schema';

const PlanItemStates = Object.keys(PLAN_ITEM_STATE_LABELS) as (keyof typeof PLAN_ITEM_STATE_LABELS)[];
const KeyGroupTagSchema = StringEnum(KEY_GROUPS.map((group) => group.code));

/** Readings of a service: blood pressure (mmHg), fasting glucose (mmol/L), weight (kg); each optional. */
export const MeasurementsSchema = Type.Object({
  systolic: Type.Optional(Type.Number()),
  diastolic: Type.Optional(Type.Number()),
  fastingGlucose: Type.Optional(Type.Number()),
  weightKg: Type.Optional(Type.Number()),
});
export type MeasurementsShape = Static<typeof MeasurementsSchema>;

/** One version of a recorded service (履约记录). */
export const ServiceRecordSchema = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  contractId: Nullable(Type.String()),
  teamId: Type.String(),
  type: StringEnum(SERVICE_TYPES),
  typeLabel: Type.String({ example: '随访' }),
  serviceDate: DateString(),
  channel: StringEnum(SERVICE_CHANNELS),
  channelLabel: Type.String({ example: '入户' }),
  planItemId: Nullable(Type.String()),
  measurements: Nullable(MeasurementsSchema),
  measurementsText: Type.String({ example: '血压 150/95 mmHg', description: 'the readings in words; empty without readings' }),
  onTarget: Nullable(Type.Boolean({ description: 'every controlled reading met its target (BP < 140/90, glucose < 7.0)' })),
  note: Nullable(Type.String()),
  version: Type.Integer(),
  current: Type.Boolean({ description: 'false once a newer version corrects it' }),
  correctsId: Nullable(Type.String()),
  correctionReason: Nullable(Type.String()),
  recordedBy: Type.Object({ id: Type.String(), name: Type.String() }),
  confirmedAt: Nullable(DateTimeString()),
  confirmedVia: Nullable(StringEnum(['signature', 'tap'] as const)),
  createdAt: DateTimeString(),
});
export type ServiceRecordView = Static<typeof ServiceRecordSchema>;

/** One due service of a contract's plan with its state today. */
export const PlanItemSchema = Type.Object({
  id: Type.String({ description: '`<contractId>:<key>:<n>`: send it as `planItemId` when recording the service' }),
  contractId: Type.String(),
  type: StringEnum(SERVICE_TYPES),
  title: Type.String(),
  source: StringEnum(['publicHealth', 'package'] as const),
  windowStart: DateString(),
  windowEnd: DateString(),
  state: StringEnum(PlanItemStates),
  serviceId: Nullable(Type.String()),
});
export type PlanItemView = Static<typeof PlanItemSchema>;

/** A contract's service plan and 履约进度 (done, open, overdue and upcoming items; they add up to total). */
export const ContractPlanSchema = Type.Object({
  contractId: Type.String(),
  status: StringEnum(CONTRACT_STATUSES),
  startDate: DateString(),
  endDate: DateString(),
  items: Type.Array(PlanItemSchema),
  summary: Type.Object({ done: Type.Integer(), open: Type.Integer(), overdue: Type.Integer(), upcoming: Type.Integer(), total: Type.Integer() }),
});
export type ContractPlan = Static<typeof ContractPlanSchema>;

/** GET /api/services: per person of the account, the services received and the plan of their contracts. */
export const ResidentServicesSchema = Type.Object({
  today: DateString(),
  people: Type.Array(
    Type.Object({
      personId: Type.String(),
      name: Type.String(),
      relation: StringEnum(RELATIONS),
      plans: Type.Array(ContractPlanSchema),
      services: Type.Array(ServiceRecordSchema, { description: 'current versions, newest first' }),
    }),
  ),
});
export type ResidentServices = Static<typeof ResidentServicesSchema>;

export const TODO_KINDS = [
  'serviceOverdue',
  'serviceDueThisWeek',
  'contractEnding',
  'contractLapsed',
  'serviceUnconfirmed',
  'contractRejected',
  'referralToApprove',
  'downReferralToAcknowledge',
  'referralFollowUp',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

/** GET /api/staff/todo: one list for the team or for one member; each item opens the resident (referral items the referral queue). */
export const TodoSchema = Type.Object({
  today: DateString(),
  teamIds: Type.Array(Type.String()),
  doctorId: Nullable(Type.String({ description: "set when the list is one member's (`mine=true`)" })),
  counts: Dictionary(Type.Integer(), { description: 'items per kind, all of them' }),
  items: Type.Array(
    Type.Object({
      kind: StringEnum(TODO_KINDS),
      personId: Type.String(),
      personName: Type.String(),
      contractId: Nullable(Type.String()),
      doctorId: Nullable(Type.String()),
      serviceId: Nullable(Type.String()),
      planItemId: Nullable(Type.String()),
      referralId: Nullable(Type.String({ description: 'the referral of the three referral kinds' })),
      title: Type.String(),
      date: DateString('the due date, the contract end date, the service date, the visit date or when the hospital wrote'),
    }),
    { description: 'the 500 most urgent, earliest date first' },
  ),
});
export type Todo = Static<typeof TodoSchema>;

/** GET /api/staff/residents/:personId/record: the resident as the team sees them (audited). */
export const ResidentRecordSchema = Type.Object({
  person: Type.Object({
    id: Type.String(),
    name: Type.String(),
    idNumberMasked: Type.String(),
    gender: StringEnum(['male', 'female'] as const),
    age: Type.Integer(),
    tags: Type.Array(KeyGroupTagSchema),
    phoneMasked: Nullable(Type.String()),
    claimed: Type.Boolean(),
  }),
  contracts: Type.Array(
    Type.Object({
      id: Type.String(),
      status: StringEnum(CONTRACT_STATUSES),
      teamId: Type.String(),
      doctorId: Type.String(),
      startDate: DateString(),
      endDate: DateString(),
      packageCodes: Type.Array(Type.String()),
      signedBy: Type.String(),
      channel: Type.String(),
      hasSignature: Type.Boolean(),
    }),
  ),
  plans: Type.Array(ContractPlanSchema),
  services: Type.Array(ServiceRecordSchema, { description: 'every version, newest first' }),
});
export type ResidentRecord = Static<typeof ResidentRecordSchema>;

/** POST /api/staff/onsite-signings result. */
export const OnsiteSigningSchema = Type.Object({
  householdSigningId: Type.String(),
  contracts: Type.Array(
    Type.Object({
      id: Type.String(),
      personId: Type.String(),
      personName: Type.String(),
      idNumberMasked: Type.String(),
      status: StringEnum(CONTRACT_STATUSES),
      signedBy: Type.String(),
      channel: Type.String(),
      teamId: Type.String(),
      doctorId: Type.String(),
      startDate: DateString(),
      endDate: DateString(),
      packageCodes: Type.Array(Type.String()),
      totals: Type.Object({ total: Type.Integer(), insurance: Type.Integer(), publicHealth: Type.Integer(), selfPay: Type.Integer(), fiscal: Type.Integer() }),
    }),
  ),
});
export type OnsiteSigning = Static<typeof OnsiteSigningSchema>;

/** POST /api/staff/onsite-quotes: per member, the packages they may choose and the split of the selection (the resident's quote). */
export const OnsiteQuoteSchema = Type.Object({
  members: Type.Array(
    Type.Object({
      offered: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), kind: StringEnum(['basic', 'personalised'] as const) })),
      quote: Nullable(QuoteSchema),
      refusal: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
    }),
  ),
});
export type OnsiteQuote = Static<typeof OnsiteQuoteSchema>;

/** POST /api/staff/onsite-quotes body. */
export interface OnsiteQuoteInput {
  communityId: string;
  members: { idNumber: string; declaredTags: (typeof DECLARABLE_TAGS)[number][]; packageCodes?: string[] }[];
  packageCodes: string[];
  years: number;
}

/** A captured signature image (PNG data URL), shown only to the team and the resident. */
export const SignatureSchema = Type.Object({ contractId: Type.String(), image: Type.String({ description: 'data:image/png;base64,…' }) });
export type Signature = Static<typeof SignatureSchema>;

/** A resident of the area who is not signed, and why (reported). */
export const NonSigningSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  idNumberMasked: Type.String(),
  phoneMasked: Nullable(Type.String()),
  personId: Nullable(Type.String()),
  teamId: Type.String(),
  teamName: Type.String(),
  institutionId: Type.String(),
  category: StringEnum(NON_SIGNING_CATEGORIES),
  categoryLabel: Type.String(),
  reason: Type.String(),
  hasNoticePhoto: Type.Boolean(),
  recordedByStaffId: Type.String(),
  createdAt: DateTimeString(),
  updatedAt: Nullable(DateTimeString()),
});
export type NonSigning = Static<typeof NonSigningSchema>;

/** GET /api/staff/refusals/report: counts per team and category. */
export const NonSigningReportSchema = Type.Array(
  Type.Object({
    teamId: Type.String(),
    teamName: Type.String(),
    counts: Dictionary(Type.Integer()),
    total: Type.Integer(),
  }),
);

/** One person registered and signed on site. */
export interface OnsiteMemberInput {
  name: string;
  idNumber: string;
  phone?: string;
  relation: 'self' | (typeof FAMILY_RELATIONS)[number];
  declaredTags: (typeof DECLARABLE_TAGS)[number][];
  guardianConsent?: boolean;
  /** Overrides the household's packages for this person. */
  packageCodes?: string[];
}

/** POST /api/staff/onsite-signings body. */
export interface OnsiteSigningInput {
  teamId: string;
  doctorId?: string;
  communityId: string;
  members: OnsiteMemberInput[];
  packageCodes: string[];
  years: number;
  agreementVersion: string;
  insuranceAuthorized: boolean;
  /** The resident's handwritten signature or thumbprint: a PNG data URL from the signature pad. */
  signature: string;
}

/** POST /api/staff/services body. */
export interface ServiceInput {
  contractId?: string;
  personId?: string;
  type: (typeof SERVICE_TYPES)[number];
  date: string;
  channel: (typeof SERVICE_CHANNELS)[number];
  measurements?: MeasurementsShape;
  note?: string;
  planItemId?: string;
  residentSignature?: string;
}

/** POST /api/staff/services/:id/corrections body: the whole corrected service and why. */
export interface ServiceCorrectionInput extends Omit<ServiceInput, 'contractId' | 'personId' | 'residentSignature'> {
  reason: string;
}
