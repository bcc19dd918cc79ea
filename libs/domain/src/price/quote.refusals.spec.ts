import { offeredPackages } from '../packages/eligibility';
import { REFERENCE_CATALOG } from '../packages/reference-catalog';
import { effectiveTags } from '../person/key-groups';
import { quote } from './quote';
import { quoteInput } from './quote.test-helpers';

describe('quote: refusals', () => {
  it('does not offer the elderly package to a 50-year-old and refuses to quote it', () => {
    const fiftyYearOld = { birthDate: '1976-06-01', on: '2026-12-01' };
    const tags = effectiveTags(fiftyYearOld.birthDate, [], fiftyYearOld.on);
    expect(tags).toEqual([]);
    expect(offeredPackages(REFERENCE_CATALOG, tags).map((p) => p.code)).toEqual(['basicPublicHealth', 'basicMedical']);
    expect(quote(quoteInput({ ...fiftyYearOld, packageCodes: ['basicPublicHealth', 'basicMedical', 'elderly'] }))).toEqual({
      ok: false,
      code: 'QUOTE.NOT_ELIGIBLE',
      message: '65岁及以上老年人个性包仅限65岁及以上老年人选择',
      field: 'packageCodes',
    });
  });

  it('ignores a claimed elderly65 tag: age decides', () => {
    const result = quote(quoteInput({ birthDate: '1976-06-01', tags: ['elderly65'], packageCodes: ['basicPublicHealth', 'basicMedical', 'elderly'] }));
    expect(result).toMatchObject({ ok: false, code: 'QUOTE.NOT_ELIGIBLE' });
  });

  it('refuses two personalised packages', () => {
    const result = quote(
      quoteInput({ birthDate: '1950-01-01', tags: ['diabetes2'], packageCodes: ['basicPublicHealth', 'basicMedical', 'elderly', 'diabetes'] }),
    );
    expect(result).toEqual({ ok: false, code: 'QUOTE.TOO_MANY_PERSONALISED', message: '只能选择一个个性化服务包', field: 'packageCodes' });
  });

  it.each([0, 4, 1.5, Number.NaN])('refuses %p years', (years) => {
    expect(quote(quoteInput({ years }))).toEqual({ ok: false, code: 'QUOTE.YEARS', message: '签约年限可以选1年、2年或3年', field: 'years' });
  });

  it('does not mutate its input', () => {
    const input = quoteInput({ tags: ['lowIncome'] });
    const snapshot = JSON.stringify(input);
    const result = quote(input);
    expect(result.ok).toBe(true);
    expect(JSON.stringify(input)).toBe(snapshot);
  });
});
