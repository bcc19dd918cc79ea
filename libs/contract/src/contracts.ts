import {
  CONTRACT_STATUSES,
  KEY_GROUPS,
  NON_SIGNING_CATEGORIES,
  SIGNED_BY,
  SIGNING_CHANNELS,
  TERMINATION_REASONS,
  type NonSigningCategory,
} from '@jiayi/domain';
import { QuoteSchema } from './packages';
import { PersonSchema } from './people';
import { DateString, DateTimeString, Nullable, StringEnum, Type, type Static } from './schema';

const KeyGroupTagSchema = StringEnum(KEY_GROUPS.map((group) => group.code));

const contractFields = {
  id: Type.String(),
  personId: Type.String(),
  teamId: Type.String(),
  doctorId: Type.String(),
  institutionId: Type.String(),
  status: StringEnum(CONTRACT_STATUSES),
  startDate: DateString(),
  endDate: DateString(),
  years: Type.Integer({ minimum: 1, maximum: 3 }),
  packageCodes: Type.Array(Type.String()),
  fees: QuoteSchema,
  signedBy: StringEnum(SIGNED_BY),
  agreementVersion: Type.String(),
  agreementHash: Type.String(),
  renewalOf: Nullable(Type.String()),
  renewedBy: Nullable(Type.String({ description: 'the pending or active renewal continuing this contract' })),
  renewalOpensOn: Nullable(DateString('for an active contract: the first day it may be renewed')),
  householdSigningId: Type.String(),
  channel: StringEnum(SIGNING_CHANNELS),
  insuranceAuthorized: Type.Boolean(),
  insuranceAuthorizedAt: Nullable(DateTimeString()),
  guardianConsentAt: Nullable(DateTimeString()),
  residentConfirmedAt: DateTimeString(),
  confirmedAt: Nullable(DateTimeString()),
  confirmedTags: Nullable(Type.Array(KeyGroupTagSchema)),
  rejectionReason: Nullable(Type.String()),
  terminationReason: Nullable(StringEnum(TERMINATION_REASONS)),
  terminatedAt: Nullable(DateTimeString()),
  createdAt: DateTimeString(),
  team: Type.Object({ id: Type.String(), name: Type.String(), phone: Type.String() }),
  doctor: Type.Object({ id: Type.String(), name: Type.String(), title: Type.String(), phone: Type.String() }),
  institution: Type.Object({ id: Type.String(), name: Type.String() }),
};

/** A contract as the resident sees it (GET /api/contracts, /api/contracts/:id). */
export const ContractSchema = Type.Object({ ...contractFields, person: Type.Object({ id: Type.String(), name: Type.String() }) });
export type Contract = Static<typeof ContractSchema>;

/** What staff see of the resident: masked ID, age and tags; the phone where the screen needs it (reads are audited). */
export const StaffPersonSchema = Type.Object({
  ...Type.Pick(PersonSchema, ['id', 'name', 'idNumberMasked', 'gender', 'age', 'tags', 'declaredTags', 'communityId']).properties,
  phone: Type.Optional(Nullable(Type.String())),
});
export type StaffPerson = Static<typeof StaffPersonSchema>;

/** A contract as staff see it (GET /api/staff/contracts, /api/staff/contracts/:id). */
export const StaffContractSchema = Type.Object({ ...contractFields, person: StaffPersonSchema });
export type StaffContract = Static<typeof StaffContractSchema>;

/** A contract in the confirmation list: with the rest of its household signing and who submitted it. */
export const StaffContractListItemSchema = Type.Object({
  ...StaffContractSchema.properties,
  household: Type.Array(Type.Object({ name: Type.String(), status: StringEnum(CONTRACT_STATUSES) }), {
    description: 'the others signed in the same household signing',
  }),
  submittedBy: Nullable(Type.String({ description: 'the account holder who submitted the household signing' })),
});
export type StaffContractListItem = Static<typeof StaffContractListItemSchema>;

export const StaffContractPageSchema = Type.Object({
  items: Type.Array(StaffContractListItemSchema),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export type StaffContractPage = Static<typeof StaffContractPageSchema>;

/** POST /api/contracts */
export interface CreateContractsInput {
  personIds: string[];
  teamId: string;
  doctorId?: string;
  /** Packages for everyone not listed in `selections`. */
  packageCodes: string[];
  /** Per-person packages, for a household whose members choose differently. */
  selections?: { personId: string; packageCodes: string[] }[];
  years: number;
  agreementVersion: string;
  insuranceAuthorized: boolean;
}

export interface RenewContractInput {
  packageCodes?: string[];
  years?: number;
  insuranceAuthorized?: boolean;
}

export interface TerminateContractInput {
  reason: string;
}

export interface ChangeTeamInput {
  teamId: string;
  doctorId?: string;
}

/** GET /api/staff/teams: each doctor's signed and pending contracts and places left. */
export const StaffTeamSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  phone: Type.String(),
  institutionId: Type.String(),
  institutionName: Type.String(),
  communities: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  placesLeft: Type.Integer(),
  doctors: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      title: Type.String(),
      isFamilyDoctor: Type.Boolean(),
      signed: Type.Integer(),
      pending: Type.Integer(),
      placesLeft: Type.Integer(),
    }),
  ),
});
export type StaffTeam = Static<typeof StaffTeamSchema>;

/** One informed refusal (知情拒签). */
export const SigningRefusalSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  idNumberMasked: Type.String(),
  phoneMasked: Nullable(Type.String()),
  personId: Nullable(Type.String()),
  teamId: Type.String(),
  teamName: Type.String(),
  institutionId: Type.String(),
  reason: Type.String(),
  category: StringEnum(NON_SIGNING_CATEGORIES),
  categoryLabel: Type.String(),
  hasNoticePhoto: Type.Boolean({ description: 'a signed 知情告知书 photo is kept (refusals)' }),
  recordedByStaffId: Type.String(),
  createdAt: DateTimeString(),
  updatedAt: Nullable(DateTimeString()),
});
export type SigningRefusal = Static<typeof SigningRefusalSchema>;

export interface SigningRefusalInput {
  name: string;
  idNumber: string;
  phone?: string;
  teamId: string;
  reason: string;
  category?: NonSigningCategory;
  /** The signed 知情告知书 of a refusal, as a data URL. */
  noticePhoto?: string;
}

/** GET /api/staff/residents?q=: a resident with a contract in scope, masked, with the latest contract. */
export const StaffResidentSchema = Type.Object({
  ...Type.Omit(StaffPersonSchema, ['phone']).properties,
  phoneMasked: Nullable(Type.String()),
  contract: Type.Object({
    id: Type.String(),
    status: StringEnum(CONTRACT_STATUSES),
    teamId: Type.String(),
    doctorId: Type.String(),
    startDate: DateString(),
    endDate: DateString(),
  }),
});
export type StaffResident = Static<typeof StaffResidentSchema>;

export interface ConfirmContractInput {
  confirmedTags: string[];
}

export interface RejectContractInput {
  reason: string;
}
