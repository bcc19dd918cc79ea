import type { ServicePackage } from './service-package';

/**
 * What a tap on a package does to a selection: basic packages always stay; a chosen personalised
 * package is removed; a new one is added, and when the region's limit of personalised packages
 * (`policy.maxPersonalisedPackages`) would be passed, the one chosen first makes way for it.
 * @example togglePackage(REFERENCE_CATALOG, ['basicPublicHealth', 'basicMedical', 'elderly'], 'hypertension', 1)
 *   // → ['basicPublicHealth', 'basicMedical', 'hypertension']
 */
export function togglePackage(
  catalog: readonly Pick<ServicePackage, 'code' | 'kind'>[],
  selected: readonly string[],
  code: string,
  maxPersonalised: number,
): string[] {
  const kindOf = new Map(catalog.map((p) => [p.code, p.kind]));
  if (kindOf.get(code) !== 'personalised') return [...selected];
  if (selected.includes(code)) return selected.filter((c) => c !== code);
  if (maxPersonalised < 1) return [...selected];
  const personalised = selected.filter((c) => kindOf.get(c) === 'personalised');
  const dropped = new Set(personalised.slice(0, Math.max(0, personalised.length + 1 - maxPersonalised)));
  return [...selected.filter((c) => !dropped.has(c)), code];
}
