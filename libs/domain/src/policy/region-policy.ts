import { Payer, PackageKind, PAYERS } from '../packages/service-package';
import { isKeyGroupTag, KeyGroupTag } from '../person/key-groups';
import { ok, refuse, Result } from '../result';

/** Moves the self-pay share of the listed package kinds to another payer for people in the listed groups. */
export interface Waiver {
  tags: KeyGroupTag[];
  packageKinds: PackageKind[];
  toPayer: Payer;
}

/** A yearly amount (fen) toward self-pay from a given age, paid by named levels of government. */
export interface Subsidy {
  name: string;
  minAge: number;
  amount: number;
  /** e.g. [{ payer: '市级', amount: 800 }, { payer: '区级', amount: 3200 }]; amounts add up to `amount`. */
  payers: { payer: string; amount: number }[];
}

/** The rules a region (county health commission) configures. */
export interface RegionPolicy {
  doctorCapacity: number;
  maxPersonalisedPackages: number;
  renewalWindowDays: number;
  waivers: Waiver[];
  subsidies: Subsidy[];
  /** Most signed residents one team may hold (seeds: 2,000 in one county, about 1,500 in another); null or absent: no team cap. */
  teamCapacity?: number | null;
}

export const DEFAULT_REGION_POLICY: RegionPolicy = {
  doctorCapacity: 2000,
  maxPersonalisedPackages: 1,
  renewalWindowDays: 30,
  waivers: [
    {
      tags: ['severeMental', 'disabled', 'povertyAlleviated', 'familyPlanningSpecial', 'lowIncome'],
      packageKinds: ['basic'],
      toPayer: 'fiscal',
    },
  ],
  subsidies: [],
};

/**
 * The policy a region follows: what it stored over the defaults, so that a field added later
 * (or never set) has its default everywhere. The one way a stored policy is read.
 * @example effectivePolicy({ doctorCapacity: 1500 }).renewalWindowDays // → 30
 */
export function effectivePolicy(stored: Partial<RegionPolicy> | null | undefined): RegionPolicy {
  return { ...DEFAULT_REGION_POLICY, ...(stored ?? {}) };
}

function isWhole(n: unknown, min: number, max: number): boolean {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= min && n <= max;
}

/**
 * Checks a region policy before it is saved.
 * @example validateRegionPolicy({ ...DEFAULT_REGION_POLICY, doctorCapacity: 0 })
 *   // → { ok: false, code: 'POLICY.DOCTOR_CAPACITY', field: 'doctorCapacity', ... }
 */
export function validateRegionPolicy(p: RegionPolicy): Result<RegionPolicy> {
  if (!isWhole(p.doctorCapacity, 1, 100_000)) {
    return refuse('POLICY.DOCTOR_CAPACITY', '每位医生的签约人数上限要填正整数', 'doctorCapacity');
  }
  if (p.teamCapacity !== undefined && p.teamCapacity !== null && !isWhole(p.teamCapacity, 1, 1_000_000)) {
    return refuse('POLICY.TEAM_CAPACITY', '每个团队的签约人数上限要填正整数，不设上限请留空', 'teamCapacity');
  }
  if (!isWhole(p.maxPersonalisedPackages, 0, 20)) {
    return refuse('POLICY.MAX_PERSONALISED', '个性化服务包数量上限要填0或正整数', 'maxPersonalisedPackages');
  }
  if (!isWhole(p.renewalWindowDays, 0, 366)) {
    return refuse('POLICY.RENEWAL_WINDOW', '到期前可续约的天数要在0到366之间', 'renewalWindowDays');
  }
  for (const [i, waiver] of p.waivers.entries()) {
    const field = `waivers[${i}]`;
    if (waiver.tags.length === 0 || !waiver.tags.every(isKeyGroupTag)) {
      return refuse('POLICY.WAIVER_TAGS', '减免政策要选择正确的适用人群', `${field}.tags`);
    }
    if (waiver.packageKinds.length === 0 || !waiver.packageKinds.every((k) => k === 'basic' || k === 'personalised')) {
      return refuse('POLICY.WAIVER_PACKAGE_KINDS', '减免政策要选择适用的服务包类型', `${field}.packageKinds`);
    }
    if (!PAYERS.includes(waiver.toPayer) || waiver.toPayer === 'selfPay') {
      return refuse('POLICY.WAIVER_PAYER', '减免部分要由医保、公卫或财政承担', `${field}.toPayer`);
    }
  }
  for (const [i, subsidy] of p.subsidies.entries()) {
    const field = `subsidies[${i}]`;
    if (!subsidy.name || subsidy.name.trim() === '') {
      return refuse('POLICY.SUBSIDY_NAME', '请填写补助名称', `${field}.name`);
    }
    if (!isWhole(subsidy.minAge, 0, 150)) {
      return refuse('POLICY.SUBSIDY_MIN_AGE', '补助的起始年龄要填0到150的整数', `${field}.minAge`);
    }
    if (!isWhole(subsidy.amount, 1, Number.MAX_SAFE_INTEGER)) {
      return refuse('POLICY.SUBSIDY_AMOUNT', '补助金额要大于0（以分为单位的整数）', `${field}.amount`);
    }
    if (subsidy.payers.length === 0) {
      return refuse('POLICY.SUBSIDY_PAYERS', '请填写补助由哪一级财政承担', `${field}.payers`);
    }
    for (const [j, part] of subsidy.payers.entries()) {
      if (!part.payer || part.payer.trim() === '' || !isWhole(part.amount, 0, Number.MAX_SAFE_INTEGER)) {
        return refuse('POLICY.SUBSIDY_PAYERS', '补助承担方的名称和金额要填写完整', `${field}.payers[${j}]`);
      }
    }
    if (subsidy.payers.reduce((sum, part) => sum + part.amount, 0) !== subsidy.amount) {
      return refuse('POLICY.SUBSIDY_SPLIT', '各级承担的金额加起来要等于补助金额', `${field}.payers`);
    }
  }
  return ok(p);
}
