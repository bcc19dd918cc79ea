import { effectiveTargets, validateIndicatorTargets } from './indicator-targets';

describe('effectiveTargets', () => {
  it('defaults from the seeds, overridden per indicator by the region', () => {
    const targets = effectiveTargets({ renewal: { target: 0.9, points: 8, scoring: 'threshold' } });
    expect(targets.renewal).toEqual({ target: 0.9, points: 8, scoring: 'threshold' });
    expect(targets.satisfaction).toEqual({ target: 0.9, points: 10, scoring: 'proportional' });
  });
});

describe('validateIndicatorTargets', () => {
  it('accepts known indicators with sane values', () => {
    expect(validateIndicatorTargets({ renewal: { target: 0.95, points: 10.5, scoring: 'proportional' } }).ok).toBe(true);
  });

  it.each([
    [{ nope: { target: 1, points: 1, scoring: 'threshold' } }, 'INDICATOR.UNKNOWN', 'targets.nope'],
    [{ renewal: { target: -0.1, points: 1, scoring: 'threshold' } }, 'INDICATOR.TARGET', 'targets.renewal.target'],
    [{ renewal: { target: 0.9, points: 101, scoring: 'threshold' } }, 'INDICATOR.POINTS', 'targets.renewal.points'],
    [{ renewal: { target: 0.9, points: 1.234, scoring: 'threshold' } }, 'INDICATOR.POINTS', 'targets.renewal.points'],
    [{ renewal: { target: 0.9, points: 1, scoring: 'linear' } }, 'INDICATOR.SCORING', 'targets.renewal.scoring'],
  ])('refuses %j', (settings, code, field) => {
    expect(validateIndicatorTargets(settings as never)).toMatchObject({ ok: false, code, field });
  });
});
