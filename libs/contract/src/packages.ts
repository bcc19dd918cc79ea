import { KEY_GROUPS, PAYERS, type PackageTotals, type Quote, type RegionPolicy, type ServicePackage } from '@jiayi/domain';
import { Fen, Nullable, StringEnum, Type, type Static } from './schema';
import type { Assert, Same } from './schema-checks';

const KeyGroupTagSchema = StringEnum(KEY_GROUPS.map((group) => group.code));
const PayerSchema = StringEnum(PAYERS);

export const PackageItemSchema = Type.Object({
  name: Type.String(),
  unitPrice: Fen(),
  count: Type.Integer(),
  insurance: Fen(),
  publicHealth: Fen(),
  selfPay: Fen(),
});

/** A service package (the domain's ServicePackage). */
export const ServicePackageSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: StringEnum(['basic', 'personalised'] as const),
  targetTags: Type.Array(KeyGroupTagSchema),
  description: Type.String(),
  items: Type.Array(PackageItemSchema),
  includes: Type.Array(Type.String(), { description: 'nested packages, charged once per contract' }),
  referenceCode: Type.Optional(StringEnum(['hypertension', 'diabetes'] as const)),
});
export type ServicePackageShape = Assert<Same<Static<typeof ServicePackageSchema>, ServicePackage>>;

export const PackageTotalsSchema = Type.Object({ total: Fen(), insurance: Fen(), publicHealth: Fen(), selfPay: Fen() });
export type PackageTotalsShape = Assert<Same<Static<typeof PackageTotalsSchema>, PackageTotals>>;

/** GET /api/packages?personId=: a package that person may choose, with its yearly totals. */
export const OfferedPackageSchema = Type.Intersect([ServicePackageSchema, Type.Object({ totals: PackageTotalsSchema })]);
export type OfferedPackage = ServicePackage & { totals: PackageTotals };

const PayerTotalsSchema = Type.Object({ total: Fen(), insurance: Fen(), publicHealth: Fen(), selfPay: Fen(), fiscal: Fen() });

/** POST /api/quotes, and `fees` of a contract: the split for the whole period, in 分. */
export const QuoteSchema = Type.Object({
  years: Type.Integer(),
  lines: Type.Array(
    Type.Object({
      packageCode: Type.String(),
      packageName: Type.String(),
      itemName: Type.Optional(Type.String()),
      amount: Fen('insurance + publicHealth + selfPay + fiscal'),
      insurance: Fen(),
      publicHealth: Fen(),
      selfPay: Fen(),
      fiscal: Fen(),
    }),
  ),
  policyLines: Type.Array(
    Type.Object({
      policy: StringEnum(['waiver', 'subsidy'] as const),
      description: Type.String(),
      fromPayer: PayerSchema,
      toPayer: Type.String(),
      amount: Fen(),
      parts: Type.Optional(Type.Array(Type.Object({ payer: Type.String(), amount: Fen() }))),
    }),
  ),
  totals: PayerTotalsSchema,
});
export type QuoteShape = Assert<Same<Static<typeof QuoteSchema>, Quote>>;

export interface QuoteInput {
  personId: string;
  packageCodes: string[];
  years: number;
}

/** GET/PUT /api/staff/policies */
export const RegionPolicySchema = Type.Object({
  doctorCapacity: Type.Integer(),
  maxPersonalisedPackages: Type.Integer(),
  renewalWindowDays: Type.Integer(),
  waivers: Type.Array(
    Type.Object({ tags: Type.Array(KeyGroupTagSchema), packageKinds: Type.Array(StringEnum(['basic', 'personalised'] as const)), toPayer: PayerSchema }),
  ),
  subsidies: Type.Array(
    Type.Object({ name: Type.String(), minAge: Type.Integer(), amount: Fen(), payers: Type.Array(Type.Object({ payer: Type.String(), amount: Fen() })) }),
  ),
  teamCapacity: Type.Optional(Nullable(Type.Integer({ description: 'most signed residents one team may hold; null: no team cap' }))),
});
export type RegionPolicyShape = Assert<Same<Static<typeof RegionPolicySchema>, RegionPolicy>>;

/** GET /api/policy?personId=: the rules of that person's region a resident sees while signing. */
export const SigningPolicySchema = Type.Object({
  maxPersonalisedPackages: Type.Integer(),
  renewalWindowDays: Type.Integer(),
  doctorCapacity: Type.Integer(),
});
export type SigningPolicy = Static<typeof SigningPolicySchema>;
