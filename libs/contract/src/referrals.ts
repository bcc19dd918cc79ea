import { REFERRAL_STATUSES, SLOT_PERIODS } from '@jiayi/domain';
import { DateString, DateTimeString, Nullable, StringEnum, Type, type Static } from './schema';

const PeriodSchema = StringEnum(SLOT_PERIODS, { description: "'am' 上午, 'pm' 下午" });

/** A hospital's reserved slot pool for one department, day and half-day. */
export const SlotPoolSchema = Type.Object({
  id: Type.String(),
  hospitalId: Type.String(),
  department: Type.String(),
  date: DateString(),
  period: PeriodSchema,
  capacity: Type.Integer(),
  booked: Type.Integer({ description: 'places held by requests and bookings (and used by visits)' }),
  left: Type.Integer(),
  closed: Type.Boolean(),
});
export type SlotPool = Static<typeof SlotPoolSchema>;

/** 回执: what the hospital writes back to the family doctor after the visit. */
export const ReferralFeedbackSchema = Type.Object({
  findings: Type.String({ description: '诊断与检查结果' }),
  advice: Type.String({ description: '治疗与用药建议' }),
  nextStep: Type.String({ description: '下一步：随访、复诊或转回' }),
  writtenAt: DateTimeString(),
});
export type ReferralFeedback = Static<typeof ReferralFeedbackSchema>;

/** 下转: the hospital sends the patient back to the team with a summary and a follow-up plan. */
export const DownReferralSchema = Type.Object({
  id: Type.String(),
  referralId: Type.String(),
  personId: Type.String(),
  teamId: Type.String(),
  hospitalId: Type.String(),
  hospitalName: Type.String(),
  summary: Type.String(),
  plan: Type.String(),
  sentAt: DateTimeString(),
  acknowledgedAt: Nullable(DateTimeString()),
});
export type DownReferral = Static<typeof DownReferralSchema>;

/** A referral as the resident sees it (api.md Referral shape plus what the visit needs). */
export const ReferralSchema = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  personName: Type.String(),
  contractId: Type.String(),
  slotId: Type.String(),
  hospitalId: Type.String(),
  hospitalName: Type.String(),
  hospitalAddress: Type.String(),
  department: Type.String(),
  date: DateString(),
  period: PeriodSchema,
  status: StringEnum(REFERRAL_STATUSES),
  reason: Type.String(),
  requestedBy: StringEnum(['resident', 'doctor'] as const),
  holdExpiresAt: Nullable(DateTimeString('while requested: when the hold lapses unless approved')),
  declineReason: Nullable(Type.String()),
  feedback: Nullable(ReferralFeedbackSchema),
  whatToBring: Type.Array(Type.String()),
  doctor: Type.Object({ id: Type.String(), name: Type.String(), phone: Type.String() }),
  createdAt: DateTimeString(),
});
export type Referral = Static<typeof ReferralSchema>;

/**
 * A referral as staff see it: only what the referral needs of the resident (masked ID; the phone
 * so the hospital can call); the doctor's team; for the team, the contract at a glance.
 */
export const StaffReferralSchema = Type.Composite([
  Type.Omit(ReferralSchema, ['whatToBring', 'personName']),
  Type.Object({
    person: Type.Object({
      id: Type.String(),
      name: Type.String(),
      gender: StringEnum(['male', 'female'] as const),
      age: Type.Integer(),
      idNumberMasked: Type.String(),
      phone: Nullable(Type.String()),
    }),
    team: Type.Object({ id: Type.String(), name: Type.String(), phone: Type.String() }),
    contract: Nullable(
      Type.Object({ status: Type.String(), endDate: DateString(), packages: Type.Array(Type.String()) }, { description: 'for the team only' }),
    ),
    downReferral: Nullable(DownReferralSchema),
  }),
]);
export type StaffReferral = Static<typeof StaffReferralSchema>;

/** A down-referral on the team's list, with whom it concerns. */
export const StaffDownReferralSchema = Type.Composite([
  DownReferralSchema,
  Type.Object({ personName: Type.String(), department: Type.String(), visitDate: DateString() }),
]);
export type StaffDownReferral = Static<typeof StaffDownReferralSchema>;

/** POST /api/staff/referral-slots/batch answer. */
export const PublishedPoolsSchema = Type.Object({
  created: Type.Array(SlotPoolSchema),
  skipped: Type.Array(Type.Object({ date: DateString(), period: PeriodSchema }), { description: 'already published: left unchanged' }),
});
export type PublishedPools = Static<typeof PublishedPoolsSchema>;

/** POST /api/referrals and POST /api/staff/referrals body. */
export interface ReferralInput {
  contractId: string;
  slotId: string;
  reason: string;
}

/** POST /api/staff/referral-slots body (api.md). */
export interface SlotPoolInput {
  hospitalId?: string;
  department: string;
  date: string;
  period: 'am' | 'pm';
  capacity: number;
}

/** POST /api/staff/referral-slots/batch body: a week template over a range of days. */
export interface SlotPoolBatchInput {
  hospitalId?: string;
  department: string;
  from: string;
  to: string;
  weekdays: number[];
  periods: ('am' | 'pm')[];
  capacity: number;
}

/** PUT /api/staff/referral-slots/:id body. */
export interface SlotPoolUpdate {
  capacity?: number;
  closed?: boolean;
}

export interface DeclineReferralInput {
  reason: string;
}

export interface ReferralFeedbackInput {
  findings: string;
  advice: string;
  nextStep: string;
}

export interface DownReferralInput {
  referralId: string;
  summary: string;
  plan: string;
}
