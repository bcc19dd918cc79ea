import { formatYuan } from '../money/fen';
import { allocate } from '../money/allocate';
import { checkSelection } from '../packages/eligibility';
import { nestedPackages, PACKAGE_KIND_LABELS, Payer, PAYER_LABELS, ServicePackage } from '../packages/service-package';
import { ageOn } from '../person/age';
import { effectiveTags, keyGroupLabel, KeyGroupTag } from '../person/key-groups';
import { RegionPolicy, Subsidy, Waiver } from '../policy/region-policy';
import { ok, refuse, Result } from '../result';

/** Fen per payer; total === insurance + publicHealth + selfPay + fiscal. */
export interface PayerTotals {
  total: number;
  insurance: number;
  publicHealth: number;
  selfPay: number;
  fiscal: number;
}

/** One item of one package, for the whole period, after policies. */
export interface QuoteLine {
  packageCode: string;
  packageName: string;
  itemName?: string;
  /** insurance + publicHealth + selfPay + fiscal */
  amount: number;
  insurance: number;
  publicHealth: number;
  selfPay: number;
  fiscal: number;
}

/** A policy that moved money between payers, for the whole period. */
export interface PolicyLine {
  policy: 'waiver' | 'subsidy';
  description: string;
  fromPayer: Payer;
  toPayer: Payer | string;
  amount: number;
  /** For a subsidy: who pays how much of `amount` (e.g. 市级 / 区级); the parts add up to `amount`. */
  parts?: { payer: string; amount: number }[];
}

export interface Quote {
  years: number;
  lines: QuoteLine[];
  policyLines: PolicyLine[];
  totals: PayerTotals;
}

export interface QuoteInput {
  catalog: readonly ServicePackage[];
  packageCodes: readonly string[];
  years: number;
  birthDate: string;
  /** The person's tags; age tags are recomputed from birthDate on `on`. */
  tags: readonly KeyGroupTag[];
  on: string;
  policy: RegionPolicy;
}

export const MAX_CONTRACT_YEARS = 3;

/**
 * Adds up lines (or any payer splits) into totals.
 * @example sumTotals([{ insurance: 2000, publicHealth: 0, selfPay: 500, fiscal: 0 }])
 *   // → { total: 2500, insurance: 2000, publicHealth: 0, selfPay: 500, fiscal: 0 }
 */
export function sumTotals(lines: readonly Omit<PayerTotals, 'total'>[]): PayerTotals {
  const totals = { total: 0, insurance: 0, publicHealth: 0, selfPay: 0, fiscal: 0 };
  for (const line of lines) {
    totals.insurance += line.insurance;
    totals.publicHealth += line.publicHealth;
    totals.selfPay += line.selfPay;
    totals.fiscal += line.fiscal;
  }
  totals.total = totals.insurance + totals.publicHealth + totals.selfPay + totals.fiscal;
  return totals;
}

/** A line being built, with the package whose item it is (for policies by package kind). */
type Draft = { line: QuoteLine; source: ServicePackage };

/**
 * Lines for the selected packages, each package charged once: a selected package is charged
 * as its own lines; a nested package not selected directly is charged once, under the first
 * selected package that brings it, its item names prefixed with its own name.
 */
function chargeLines(selected: readonly ServicePackage[], catalog: readonly ServicePackage[], years: number): Draft[] {
  const direct = new Set(selected.map((p) => p.code));
  const charged = new Set<string>();
  const drafts: Draft[] = [];
  const charge = (under: ServicePackage, source: ServicePackage) => {
    for (const item of source.items) {
      const amount = item.unitPrice * item.count * years;
      drafts.push({
        source,
        line: {
          packageCode: under.code,
          packageName: under.name,
          itemName: source === under ? item.name : `${source.name}：${item.name}`,
          amount,
          insurance: item.insurance * years,
          publicHealth: item.publicHealth * years,
          selfPay: item.selfPay * years,
          fiscal: 0,
        },
      });
    }
  };
  for (const pkg of selected) {
    charged.add(pkg.code);
    charge(pkg, pkg);
    for (const nested of nestedPackages(pkg, catalog)) {
      if (direct.has(nested.code) || charged.has(nested.code)) continue;
      charged.add(nested.code);
      charge(pkg, nested);
    }
  }
  return drafts;
}

function move(line: QuoteLine, from: Payer, to: Payer, amount: number): void {
  line[from] -= amount;
  line[to] += amount;
}

function applyWaiver(drafts: Draft[], waiver: Waiver, tags: readonly KeyGroupTag[]): PolicyLine | null {
  const matched = waiver.tags.filter((t) => tags.includes(t));
  if (matched.length === 0) return null;
  let moved = 0;
  for (const { line, source } of drafts) {
    if (!waiver.packageKinds.includes(source.kind) || line.selfPay === 0) continue;
    moved += line.selfPay;
    move(line, 'selfPay', waiver.toPayer, line.selfPay);
  }
  if (moved === 0) return null;
  const kinds = waiver.packageKinds.map((k) => PACKAGE_KIND_LABELS[k]).join('和');
  return {
    policy: 'waiver',
    description: `减免政策（${matched.map(keyGroupLabel).join('、')}）：${kinds}的个人承担部分由${PAYER_LABELS[waiver.toPayer]}支付`,
    fromPayer: 'selfPay',
    toPayer: waiver.toPayer,
    amount: moved,
  };
}

function applySubsidy(drafts: Draft[], subsidy: Subsidy, years: number): PolicyLine | null {
  const full = subsidy.amount * years;
  const remaining = drafts.reduce((sum, d) => sum + d.line.selfPay, 0);
  const amount = Math.min(full, remaining);
  if (amount === 0) return null;
  let left = amount;
  for (const { line } of drafts) {
    const take = Math.min(left, line.selfPay);
    move(line, 'selfPay', 'fiscal', take);
    left -= take;
  }
  const weights = subsidy.payers.map((p) => p.amount);
  const shares = allocate(amount, weights);
  const parts = subsidy.payers.map((p, i) => ({ payer: p.payer, amount: shares[i] }));
  const split =
    amount === full
      ? subsidy.payers.map((p) => `${p.payer} ${formatYuan(p.amount)} 元`).join(' / ') + ' 每年'
      : `以个人应付部分为限，共 ${formatYuan(amount)} 元：` + parts.map((p) => `${p.payer} ${formatYuan(p.amount)} 元`).join(' / ');
  return {
    policy: 'subsidy',
    description: `${subsidy.name}（${split}）`,
    fromPayer: 'selfPay',
    toPayer: 'fiscal',
    amount,
    parts,
  };
}

/**
 * Prices a selection for 1–3 years: each item split between payers, nested packages charged once,
 * then the region's waivers and subsidies (in that order) move self-pay to other payers; the lines
 * show the split after policies and each policy also appears as a policy line.
 * Subsidies count against all remaining self-pay, never more than it.
 * @example quote({ catalog: REFERENCE_CATALOG, packageCodes: ['basicPublicHealth', 'basicMedical', 'elderly'],
 *   years: 1, birthDate: '1956-03-10', tags: [], on: '2026-12-01', policy: DEFAULT_REGION_POLICY })
 *   // → totals { total: 10400, insurance: 6900, publicHealth: 1000, selfPay: 2500, fiscal: 0 }
 */
export function quote(input: QuoteInput): Result<Quote> {
  const { catalog, packageCodes, years, birthDate, on, policy } = input;
  if (!Number.isInteger(years) || years < 1 || years > MAX_CONTRACT_YEARS) {
    return refuse('QUOTE.YEARS', `签约年限可以选1年、2年或${MAX_CONTRACT_YEARS}年`, 'years');
  }
  const tags = effectiveTags(birthDate, input.tags, on);
  const selection = checkSelection(catalog, packageCodes, tags, policy);
  if (!selection.ok) return selection;

  const drafts = chargeLines(selection.value, catalog, years);
  const policyLines: PolicyLine[] = [];
  for (const waiver of policy.waivers) {
    const line = applyWaiver(drafts, waiver, tags);
    if (line) policyLines.push(line);
  }
  const age = ageOn(birthDate, on);
  for (const subsidy of policy.subsidies) {
    if (age < subsidy.minAge) continue;
    const line = applySubsidy(drafts, subsidy, years);
    if (line) policyLines.push(line);
  }

  const lines = drafts.map((d) => d.line);
  const totals = sumTotals(lines);
  for (const l of lines) {
    if (l.insurance + l.publicHealth + l.selfPay + l.fiscal !== l.amount) throw new Error(`quote line does not add up: ${l.itemName}`);
  }
  return ok({ years, lines, policyLines, totals });
}
