import { formatYuan } from '../money/fen';
import { isKeyGroupTag, KeyGroupTag } from '../person/key-groups';
import { ok, refuse, Result } from '../result';

/** Who pays a share of a fee. `fiscal` only appears through region policies. */
export type Payer = 'insurance' | 'publicHealth' | 'selfPay' | 'fiscal';

export const PAYERS: readonly Payer[] = ['insurance', 'publicHealth', 'selfPay', 'fiscal'];

export const PAYER_LABELS: Record<Payer, string> = {
  insurance: '医保基金',
  publicHealth: '基本公卫经费',
  selfPay: '个人自付',
  fiscal: '财政补助',
};

export type PackageKind = 'basic' | 'personalised';

export const PACKAGE_KIND_LABELS: Record<PackageKind, string> = {
  basic: '基础服务包',
  personalised: '个性化服务包',
};

/** One service in a package, per year, in fen: insurance + publicHealth + selfPay === unitPrice × count. */
export interface PackageItem {
  name: string;
  unitPrice: number;
  count: number;
  insurance: number;
  publicHealth: number;
  selfPay: number;
}

export interface ServicePackage {
  code: string;
  name: string;
  kind: PackageKind;
  targetTags: KeyGroupTag[];
  description: string;
  items: PackageItem[];
  /** Codes of nested packages; a nested package is charged once per contract. */
  includes: string[];
  /** Set on a region's customised variant of a reference package. */
  referenceCode?: 'hypertension' | 'diabetes';
}

/** A package's yearly fee and its split, in fen. */
export interface PackageTotals {
  total: number;
  insurance: number;
  publicHealth: number;
  selfPay: number;
}

/** Reference insurance share per year (fen) that a customised package may not exceed. */
export const INSURANCE_CAPS: Record<'hypertension' | 'diabetes', number> = {
  hypertension: 5900,
  diabetes: 6600,
};

function findPackage(catalog: readonly ServicePackage[], code: string): ServicePackage | undefined {
  return catalog.find((p) => p.code === code);
}

/**
 * The packages nested in a package, each once, depth first (the package itself excluded).
 * Throws on an unknown code or a cycle: validatePackage refuses those before a package is saved.
 * @example nestedPackages(elderly, REFERENCE_CATALOG).map((p) => p.code) // → ['basicPublicHealth']
 */
export function nestedPackages(pkg: ServicePackage, catalog: readonly ServicePackage[]): ServicePackage[] {
  const found: ServicePackage[] = [];
  const seen = new Set<string>([pkg.code]);
  const visit = (current: ServicePackage, path: string[]): void => {
    for (const code of current.includes) {
      if (path.includes(code)) throw new Error(`package cycle: ${[...path, code].join(' → ')}`);
      if (seen.has(code)) continue;
      const nested = findPackage(catalog, code);
      if (!nested) throw new Error(`package ${current.code} includes unknown package ${code}`);
      seen.add(code);
      found.push(nested);
      visit(nested, [...path, code]);
    }
  };
  visit(pkg, [pkg.code]);
  return found;
}

/**
 * Adds up items into totals.
 * @example itemTotals([{ name: '拔罐', unitPrice: 1200, count: 1, insurance: 800, publicHealth: 0, selfPay: 400 }])
 *   // → { total: 1200, insurance: 800, publicHealth: 0, selfPay: 400 }
 */
export function itemTotals(items: readonly PackageItem[]): PackageTotals {
  return items.reduce(
    (sum, item) => ({
      total: sum.total + item.unitPrice * item.count,
      insurance: sum.insurance + item.insurance,
      publicHealth: sum.publicHealth + item.publicHealth,
      selfPay: sum.selfPay + item.selfPay,
    }),
    { total: 0, insurance: 0, publicHealth: 0, selfPay: 0 },
  );
}

/**
 * A package's fee per year with its nested packages (each counted once).
 * @example packageYearTotals(elderly, REFERENCE_CATALOG)
 *   // → { total: 7900, insurance: 4900, publicHealth: 1000, selfPay: 2000 }
 */
export function packageYearTotals(pkg: ServicePackage, catalog: readonly ServicePackage[]): PackageTotals {
  return itemTotals([pkg, ...nestedPackages(pkg, catalog)].flatMap((p) => p.items));
}

function isFenAmount(n: unknown): boolean {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function findCycle(start: ServicePackage, catalog: readonly ServicePackage[]): string[] | null {
  const walk = (code: string, path: string[]): string[] | null => {
    if (path.includes(code)) return [...path, code];
    const pkg = code === start.code ? start : findPackage(catalog, code);
    if (!pkg) return null;
    for (const next of pkg.includes) {
      const cycle = walk(next, [...path, code]);
      if (cycle) return cycle;
    }
    return null;
  };
  return walk(start.code, []);
}

/**
 * Checks a package before it is saved: names, amounts in whole fen, each item's split adding up,
 * nested packages existing and not looping, and the insurance cap of the hypertension and diabetes
 * packages (59 / 66 yuan a year, also for a region's customised variant).
 * `catalog` is the rest of the catalog; an entry with the same code is replaced by `pkg`.
 * @example validatePackage({ ...hypertension, items: [...] }, REFERENCE_CATALOG)
 *   // → { ok: false, code: 'PACKAGE.INSURANCE_CAP_EXCEEDED', ... } when insurance goes over 59 yuan
 */
export function validatePackage(pkg: ServicePackage, catalog: readonly ServicePackage[]): Result<ServicePackage> {
  if (!pkg.code || !/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(pkg.code)) {
    return refuse('PACKAGE.CODE', '服务包编码只能用英文字母、数字、- 和 _，并以字母开头', 'code');
  }
  if (!pkg.name || pkg.name.trim() === '') return refuse('PACKAGE.NAME_REQUIRED', '请填写服务包名称', 'name');
  if (pkg.kind !== 'basic' && pkg.kind !== 'personalised') {
    return refuse('PACKAGE.KIND', '服务包类型只能是基础服务包或个性化服务包', 'kind');
  }
  const badTag = pkg.targetTags.findIndex((t) => !isKeyGroupTag(t));
  if (badTag >= 0) return refuse('PACKAGE.UNKNOWN_TAG', '适用人群不正确', `targetTags[${badTag}]`);
  if (pkg.kind === 'personalised' && pkg.targetTags.length === 0) {
    return refuse('PACKAGE.TARGET_REQUIRED', '个性化服务包要选择适用人群', 'targetTags');
  }
  for (const [i, item] of pkg.items.entries()) {
    if (!item.name || item.name.trim() === '') {
      return refuse('PACKAGE.ITEM_NAME_REQUIRED', `第${i + 1}项服务没有填写名称`, `items[${i}].name`);
    }
    for (const key of ['unitPrice', 'count', 'insurance', 'publicHealth', 'selfPay'] as const) {
      if (!isFenAmount(item[key])) {
        return refuse('PACKAGE.ITEM_AMOUNT', `第${i + 1}项服务的金额或次数不正确`, `items[${i}].${key}`);
      }
    }
    if (item.insurance + item.publicHealth + item.selfPay !== item.unitPrice * item.count) {
      return refuse('PACKAGE.ITEM_SPLIT_MISMATCH', `第${i + 1}项服务（${item.name}）：医保、公卫、个人三部分加起来要等于单价乘以次数`, `items[${i}]`);
    }
  }
  const others = catalog.filter((p) => p.code !== pkg.code);
  for (const [i, code] of pkg.includes.entries()) {
    if (pkg.includes.indexOf(code) !== i) {
      return refuse('PACKAGE.INCLUDE_DUPLICATE', '包含的服务包重复了', `includes[${i}]`);
    }
    if (code !== pkg.code && !findPackage(others, code)) {
      return refuse('PACKAGE.UNKNOWN_INCLUDED', `包含的服务包（${code}）不存在`, `includes[${i}]`);
    }
  }
  if (findCycle(pkg, others)) {
    return refuse('PACKAGE.INCLUDE_CYCLE', '服务包不能（直接或间接）包含它自己', 'includes');
  }
  const reference = pkg.referenceCode ?? (pkg.code === 'hypertension' || pkg.code === 'diabetes' ? pkg.code : undefined);
  if (reference !== undefined) {
    const cap = INSURANCE_CAPS[reference];
    if (cap === undefined) return refuse('PACKAGE.REFERENCE', '参考服务包只能是高血压或糖尿病服务包', 'referenceCode');
    const insurance = packageYearTotals(pkg, [...others, pkg]).insurance;
    if (insurance > cap) {
      return refuse('PACKAGE.INSURANCE_CAP_EXCEEDED', `医保承担部分每年不能超过${formatYuan(cap)}元（现在是${formatYuan(insurance)}元）`, 'items');
    }
  }
  return ok(pkg);
}
