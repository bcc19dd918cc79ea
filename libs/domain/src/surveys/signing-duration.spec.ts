import { signingDurationBand } from './signing-duration';

describe('signingDurationBand', () => {
  it.each([
    [null, '2026-01-01', 'unsigned'],
    ['2025-07-02', '2026-01-01', 'under6m'],
    ['2025-07-01', '2026-01-01', '6to12m'],
    ['2025-01-02', '2026-01-01', '6to12m'],
    ['2025-01-01', '2026-01-01', 'over1y'],
    ['2020-03-31', '2026-01-01', 'over1y'],
    ['2026-02-01', '2026-01-01', 'under6m'],
  ])('signed since %s, on %s → %s', (since, on, band) => {
    expect(signingDurationBand(since, on)).toBe(band);
  });

  it('refuses a date that is not a calendar date', () => {
    expect(() => signingDurationBand('2025-02-30', '2026-01-01')).toThrow(RangeError);
  });
});
