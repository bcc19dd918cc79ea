import { REFERENCE_CATALOG } from '../packages/reference-catalog';
import { ServicePackage } from '../packages/service-package';
import { quoteOk, byPackage } from './quote.test-helpers';

// A region adds a basic "check-up" package and a personalised package that nests it and the
// basic public-health package, and a second personalised one that nests the check-up too.
const checkUp: ServicePackage = {
  code: 'checkUp',
  name: '健康体检包',
  kind: 'personalised',
  targetTags: ['tuberculosis'],
  description: '',
  items: [{ name: '血常规', unitPrice: 1500, count: 1, insurance: 1000, publicHealth: 0, selfPay: 500 }],
  includes: [],
};
const tbCare: ServicePackage = {
  code: 'tbCare',
  name: '肺结核患者个性包',
  kind: 'personalised',
  targetTags: ['tuberculosis'],
  description: '',
  items: [{ name: '胸片复查', unitPrice: 4000, count: 1, insurance: 3000, publicHealth: 0, selfPay: 1000 }],
  includes: ['basicPublicHealth', 'checkUp'],
};
const catalog = [...REFERENCE_CATALOG, checkUp, tbCare];
const policy = { doctorCapacity: 2000, maxPersonalisedPackages: 2, renewalWindowDays: 30, waivers: [], subsidies: [] };

describe('quote: nested packages are charged once', () => {
  it('charges a nested package not selected directly under the package that brings it', () => {
    const q = quoteOk({ catalog, policy, tags: ['tuberculosis'], packageCodes: ['basicPublicHealth', 'basicMedical', 'tbCare'] });
    expect(byPackage(q)).toEqual({
      basicPublicHealth: [1000, 0, 1000, 0, 0],
      basicMedical: [2500, 2000, 0, 500, 0],
      tbCare: [5500, 4000, 0, 1500, 0],
    });
    expect(q.lines.filter((l) => l.packageCode === 'tbCare').map((l) => l.itemName)).toEqual(['胸片复查', '健康体检包：血常规']);
    expect(q.totals.total).toBe(9000);
  });

  it('charges a package selected directly as its own lines, even when also nested in another selection', () => {
    const q = quoteOk({ catalog, policy, tags: ['tuberculosis'], packageCodes: ['tbCare', 'checkUp', 'basicPublicHealth', 'basicMedical'] });
    expect(byPackage(q)).toEqual({
      tbCare: [4000, 3000, 0, 1000, 0],
      checkUp: [1500, 1000, 0, 500, 0],
      basicPublicHealth: [1000, 0, 1000, 0, 0],
      basicMedical: [2500, 2000, 0, 500, 0],
    });
    expect(q.totals).toEqual({ total: 9000, insurance: 6000, publicHealth: 1000, selfPay: 2000, fiscal: 0 });
  });

  it('charges the basic public-health package once for two personalised packages that both contain it', () => {
    const q = quoteOk({
      policy,
      birthDate: '1950-01-01',
      tags: ['hypertension'],
      packageCodes: ['basicPublicHealth', 'basicMedical', 'elderly', 'hypertension'],
    });
    expect(q.lines.filter((l) => l.publicHealth > 0)).toHaveLength(1);
    expect(q.totals).toEqual({ total: 10400 + 7600, insurance: 6900 + 5900, publicHealth: 1000, selfPay: 2500 + 1700, fiscal: 0 });
  });
});
