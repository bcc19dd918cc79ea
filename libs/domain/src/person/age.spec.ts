import { ageBand, ageOn } from './age';

describe('ageOn', () => {
  it('counts full years, turning older on the birthday', () => {
    expect(ageOn('1956-03-10', '2026-03-09')).toBe(69);
    expect(ageOn('1956-03-10', '2026-03-10')).toBe(70);
    expect(ageOn('1961-12-01', '2026-11-30')).toBe(64);
    expect(ageOn('1961-12-01', '2026-12-01')).toBe(65);
    expect(ageOn('2026-05-01', '2026-05-01')).toBe(0);
  });

  it('lets someone born on 29 February turn older on 1 March in a common year', () => {
    expect(ageOn('2012-02-29', '2026-02-28')).toBe(13);
    expect(ageOn('2012-02-29', '2026-03-01')).toBe(14);
    expect(ageOn('2012-02-29', '2028-02-29')).toBe(16);
  });

  it('throws on a malformed date', () => {
    expect(() => ageOn('1956-3-10', '2026-01-01')).toThrow(RangeError);
  });
});

describe('ageBand', () => {
  it.each([
    [5, '<18'],
    [17, '<18'],
    [18, '18-30'],
    [30, '18-30'],
    [31, '31-50'],
    [50, '31-50'],
    [51, '51-65'],
    [64, '51-65'],
    [65, '65+'],
    [92, '65+'],
  ])('puts %i in %s', (age, band) => {
    expect(ageBand(age)).toBe(band);
  });
});
