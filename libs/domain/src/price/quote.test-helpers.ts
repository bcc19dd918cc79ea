import { REFERENCE_CATALOG } from '../packages/reference-catalog';
import { DEFAULT_REGION_POLICY } from '../policy/region-policy';
import { Quote, quote, QuoteInput } from './quote';

/** A quote input with the reference catalog and default policy; override what the scenario needs. */
export function quoteInput(overrides: Partial<QuoteInput> = {}): QuoteInput {
  return {
    catalog: REFERENCE_CATALOG,
    packageCodes: ['basicPublicHealth', 'basicMedical'],
    years: 1,
    birthDate: '1980-06-15',
    tags: [],
    on: '2026-12-01',
    policy: DEFAULT_REGION_POLICY,
    ...overrides,
  };
}

/** Quotes and fails the test on a refusal. */
export function quoteOk(overrides: Partial<QuoteInput> = {}): Quote {
  const result = quote(quoteInput(overrides));
  if (!result.ok) throw new Error(`expected a quote, got ${result.code}: ${result.message}`);
  return result.value;
}

/** Sums lines per package code: { [packageCode]: [amount, insurance, publicHealth, selfPay, fiscal] }. */
export function byPackage(q: Quote): Record<string, number[]> {
  const sums: Record<string, number[]> = {};
  for (const l of q.lines) {
    const s = (sums[l.packageCode] ??= [0, 0, 0, 0, 0]);
    s[0] += l.amount;
    s[1] += l.insurance;
    s[2] += l.publicHealth;
    s[3] += l.selfPay;
    s[4] += l.fiscal;
  }
  return sums;
}
