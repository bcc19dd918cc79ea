import { DateTimeString, Type, type Static } from './schema';

/** GET /api/communities */
export const CommunitySchema = Type.Object({ id: Type.String(), name: Type.String(), institutionId: Type.String(), institutionName: Type.String() });
export type Community = Static<typeof CommunitySchema>;

export const TeamDoctorSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  title: Type.String(),
  phone: Type.String(),
  /** Nurses and other members are listed with the team but hold no contracts. */
  isFamilyDoctor: Type.Boolean(),
  signed: Type.Integer(),
  placesLeft: Type.Integer(),
});
export type TeamDoctor = Static<typeof TeamDoctorSchema>;

/** GET /api/teams?communityId= */
export const TeamSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  phone: Type.String(),
  institutionId: Type.String(),
  institutionName: Type.String(),
  communities: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  placesLeft: Type.Integer(),
  doctors: Type.Array(TeamDoctorSchema),
});
export type Team = Static<typeof TeamSchema>;

/** GET /api/hospitals */
export const HospitalSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  level: Type.String(),
  address: Type.String(),
  departments: Type.Array(Type.String()),
});
export type Hospital = Static<typeof HospitalSchema>;

/** GET /api/agreements/current */
export const AgreementSchema = Type.Object({
  version: Type.String(),
  title: Type.String(),
  text: Type.String(),
  hash: Type.String(),
  effectiveFrom: DateTimeString(),
});
export type Agreement = Static<typeof AgreementSchema>;
