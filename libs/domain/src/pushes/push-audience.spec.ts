import { ageOn } from '../person/age';
import { birthDateRange, checkAudience, matchesAudience } from './push-audience';

describe('checkAudience', () => {
  it('needs an area, whole ages in order and known tags', () => {
    expect(checkAudience({})).toMatchObject({ ok: false, code: 'PUSH.AUDIENCE_AREA' });
    expect(checkAudience({ teamId: 't', minAge: 70, maxAge: 60 })).toMatchObject({ ok: false, code: 'PUSH.AUDIENCE_AGE', field: 'audience.maxAge' });
    expect(checkAudience({ teamId: 't', minAge: 1.5 })).toMatchObject({ ok: false, code: 'PUSH.AUDIENCE_AGE', field: 'audience.minAge' });
    expect(checkAudience({ teamId: 't', tags: ['hypertension', 'flu' as never] })).toMatchObject({ ok: false, code: 'PUSH.AUDIENCE_TAG' });
    expect(checkAudience({ institutionId: 'i', tags: ['hypertension', 'hypertension'] })).toEqual({
      ok: true,
      value: { institutionId: 'i', tags: ['hypertension'] },
    });
  });
});

describe('matchesAudience', () => {
  const on = '2026-12-01';
  const hypertensive = { birthDate: '1960-03-01', gender: 'male' as const, declaredTags: ['hypertension'] };

  it('holds when every given dimension holds and any one of the tags', () => {
    expect(matchesAudience(hypertensive, { tags: ['diabetes2', 'hypertension'] }, on)).toBe(true);
    expect(matchesAudience(hypertensive, { tags: ['diabetes2'] }, on)).toBe(false);
    expect(matchesAudience(hypertensive, { sex: 'female' }, on)).toBe(false);
    expect(matchesAudience(hypertensive, { minAge: 66 }, on)).toBe(true);
    expect(matchesAudience(hypertensive, { maxAge: 65 }, on)).toBe(false);
  });

  it('derives the age tags from the birth date on the day, whatever was declared', () => {
    expect(matchesAudience({ ...hypertensive, declaredTags: [] }, { tags: ['elderly65'] }, on)).toBe(true);
    expect(matchesAudience({ birthDate: '1990-01-01', gender: 'female', declaredTags: ['elderly65'] }, { tags: ['elderly65'] }, on)).toBe(false);
  });
});

describe('birthDateRange', () => {
  it('is exactly the birth dates whose age on the day lies in the range', () => {
    const on = '2028-02-29';
    const range = birthDateRange(60, 69, on);
    for (const birthDate of ['1958-02-28', '1958-02-29', '1958-03-01', '1968-02-28', '1968-02-29', '1968-03-01', '1959-02-28', '1959-03-01'].filter(
      (d) => !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().startsWith(d),
    )) {
      const age = ageOn(birthDate, on);
      const inside = (!range.from || birthDate >= range.from) && (!range.to || birthDate <= range.to);
      expect([birthDate, inside]).toEqual([birthDate, age >= 60 && age <= 69]);
    }
    expect(birthDateRange(60, 69, '2026-06-01')).toEqual({ from: '1956-06-02', to: '1966-06-01' });
    expect(birthDateRange(undefined, undefined, '2026-06-01')).toEqual({});
  });
});
