import { keyGroupLabel, KeyGroupTag } from '../person/key-groups';
import { RegionPolicy } from '../policy/region-policy';
import { ok, refuse, Result } from '../result';
import { ServicePackage } from './service-package';

const FIELD = 'packageCodes';

/**
 * True when a person with these tags may choose the package: basic packages are for everyone,
 * a personalised one for carriers of one of its target tags.
 * @example isOfferedTo(elderly, ['hypertension']) // → false
 */
export function isOfferedTo(pkg: ServicePackage, tags: readonly KeyGroupTag[]): boolean {
  return pkg.kind === 'basic' || pkg.targetTags.some((t) => tags.includes(t));
}

/**
 * The packages a person with these tags may choose, in catalog order.
 * @example offeredPackages(REFERENCE_CATALOG, ['elderly65']).map((p) => p.code)
 *   // → ['basicPublicHealth', 'basicMedical', 'elderly']
 */
export function offeredPackages(catalog: readonly ServicePackage[], tags: readonly KeyGroupTag[]): ServicePackage[] {
  return catalog.filter((p) => isOfferedTo(p, tags));
}

/**
 * Checks a selection: no repeats, known codes, every basic package, at most
 * `policy.maxPersonalisedPackages` personalised ones, each offered to the person.
 * Returns the selected packages in the order given.
 * @example checkSelection(REFERENCE_CATALOG, ['basicPublicHealth', 'basicMedical', 'elderly'], ['hypertension'], DEFAULT_REGION_POLICY)
 *   // → { ok: false, code: 'QUOTE.NOT_ELIGIBLE', message: '65岁及以上老年人个性包仅限65岁及以上老年人选择', field: 'packageCodes' }
 */
export function checkSelection(
  catalog: readonly ServicePackage[],
  packageCodes: readonly string[],
  tags: readonly KeyGroupTag[],
  policy: Pick<RegionPolicy, 'maxPersonalisedPackages'>,
): Result<ServicePackage[]> {
  const selected: ServicePackage[] = [];
  for (const [i, code] of packageCodes.entries()) {
    if (packageCodes.indexOf(code) !== i) {
      return refuse('QUOTE.DUPLICATE_PACKAGE', '同一个服务包只能选一次', FIELD);
    }
    const pkg = catalog.find((p) => p.code === code);
    if (!pkg) return refuse('QUOTE.UNKNOWN_PACKAGE', '所选的服务包不存在或已停用，请重新选择', FIELD);
    selected.push(pkg);
  }
  const missing = catalog.filter((p) => p.kind === 'basic' && !packageCodes.includes(p.code));
  if (missing.length > 0) {
    return refuse('QUOTE.BASIC_REQUIRED', `基础服务包每人都要选：请加上${missing.map((p) => p.name).join('、')}`, FIELD);
  }
  const personalised = selected.filter((p) => p.kind === 'personalised');
  const max = policy.maxPersonalisedPackages;
  if (personalised.length > max) {
    const message = max === 0 ? '本地区暂不提供个性化服务包' : max === 1 ? '只能选择一个个性化服务包' : `最多只能选择${max}个个性化服务包`;
    return refuse('QUOTE.TOO_MANY_PERSONALISED', message, FIELD);
  }
  const notOffered = personalised.find((p) => !isOfferedTo(p, tags));
  if (notOffered) {
    const groups = notOffered.targetTags.map(keyGroupLabel).join('或');
    return refuse('QUOTE.NOT_ELIGIBLE', `${notOffered.name}仅限${groups}选择`, FIELD);
  }
  return ok(selected);
}
