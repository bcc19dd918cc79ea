import { KEY_GROUPS, RELATIONS, type FamilyRelation, type KeyGroupTag } from '@jiayi/domain';
import { DateString, DateTimeString, Nullable, StringEnum, Type, type Static } from './schema';

const KeyGroupTagSchema = StringEnum(KEY_GROUPS.map((group) => group.code));

/** Person (self or family member): the ID number masked, tags derived on today's date. */
export const PersonSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  idNumberMasked: Type.String({ example: '110105********1234' }),
  gender: StringEnum(['male', 'female'] as const),
  birthDate: DateString(),
  age: Type.Integer(),
  tags: Type.Array(KeyGroupTagSchema, { description: 'derived and declared key groups' }),
  declaredTags: Type.Array(KeyGroupTagSchema),
  communityId: Nullable(Type.String()),
  relation: StringEnum(RELATIONS),
});
export type Person = Static<typeof PersonSchema>;

/** GET /api/me */
export const MeSchema = Type.Object({
  accountId: Type.String(),
  person: Nullable(PersonSchema),
  consent: Type.Object({ sensitiveConsent: Type.Boolean(), privacyPolicyVersion: Nullable(Type.String()), consentAt: Nullable(DateTimeString()) }),
});
export type Me = Static<typeof MeSchema>;

/** PUT /api/me/profile body. */
export interface ProfileInput {
  name: string;
  idNumber: string;
  phone: string;
  communityId: string;
  declaredTags: KeyGroupTag[];
  privacyPolicyVersion: string;
  sensitiveConsent: boolean;
}

/** POST/PUT /api/me/family-members body. */
export interface FamilyMemberInput {
  name: string;
  idNumber: string;
  phone?: string;
  relation: FamilyRelation;
  declaredTags: KeyGroupTag[];
  guardianConsent?: boolean;
}
