import { REFERENCE_CATALOG } from '../packages/reference-catalog';
import { ServicePackage, validatePackage } from '../packages/service-package';
import { quoteOk } from './quote.test-helpers';

const reference = REFERENCE_CATALOG.find((p) => p.code === 'hypertension')!;

describe('quote: a region customises the hypertension package', () => {
  const customised = (insurance: number, selfPay: number): ServicePackage => ({
    ...reference,
    code: 'hypertensionLocal',
    name: '高血压患者个性包（本地）',
    referenceCode: 'hypertension',
    items: [
      ...reference.items.filter((i) => i.name !== '眼底照相'),
      { name: '动态血压监测', unitPrice: insurance + selfPay, count: 1, insurance, publicHealth: 0, selfPay },
    ],
  });

  it('refuses a customised package whose insurance share goes over 59 yuan a year', () => {
    // Reference items without 眼底照相 carry 49 yuan insurance; 11 more makes 60.
    expect(validatePackage(customised(1100, 400), REFERENCE_CATALOG)).toEqual({
      ok: false,
      code: 'PACKAGE.INSURANCE_CAP_EXCEEDED',
      message: '医保承担部分每年不能超过59.00元（现在是60.00元）',
      field: 'items',
    });
  });

  it('accepts and quotes one that stays at the cap', () => {
    const pkg = customised(1000, 500);
    expect(validatePackage(pkg, REFERENCE_CATALOG).ok).toBe(true);
    const q = quoteOk({
      catalog: [...REFERENCE_CATALOG.filter((p) => p.code !== 'hypertension'), pkg],
      tags: ['hypertension'],
      packageCodes: ['basicPublicHealth', 'basicMedical', 'hypertensionLocal'],
    });
    expect(q.totals).toEqual({ total: 11300, insurance: 7900, publicHealth: 1000, selfPay: 2400, fiscal: 0 });
  });
});
