import { meetsTarget, roundPoints, scoreIndicator } from './indicator-scoring';

describe('scoreIndicator', () => {
  it('reproduces §9: a 查体率 of 69.89 % against 100 % on 2 points scores 1.40', () => {
    expect(scoreIndicator({ value: 0.6989, target: 1, points: 2, scoring: 'proportional', direction: 'atLeast' })).toBe(1.4);
  });

  it('reproduces §9: a satisfaction of 86 % against 90 % on 10 points scores 9.56', () => {
    expect(scoreIndicator({ value: 0.86, target: 0.9, points: 10, scoring: 'proportional', direction: 'atLeast' })).toBe(9.56);
  });

  it('gives full points, never more, once the target is met', () => {
    expect(scoreIndicator({ value: 0.97, target: 0.95, points: 10, scoring: 'proportional', direction: 'atLeast' })).toBe(10);
    expect(scoreIndicator({ value: 0.95, target: 0.95, points: 10, scoring: 'threshold', direction: 'atLeast' })).toBe(10);
  });

  it('threshold: nothing when the target is missed, however narrowly', () => {
    expect(scoreIndicator({ value: 0.9499, target: 0.95, points: 10, scoring: 'threshold', direction: 'atLeast' })).toBe(0);
  });

  it('at-most indicators (签约饱和度 ≤ 1): met at or below, proportional as target ÷ value above', () => {
    expect(scoreIndicator({ value: 0.8, target: 1, points: 2, scoring: 'threshold', direction: 'atMost' })).toBe(2);
    expect(scoreIndicator({ value: 1.25, target: 1, points: 2, scoring: 'threshold', direction: 'atMost' })).toBe(0);
    expect(scoreIndicator({ value: 1.25, target: 1, points: 2, scoring: 'proportional', direction: 'atMost' })).toBe(1.6);
  });

  it('a zero value scores zero; a zero target is always met', () => {
    expect(scoreIndicator({ value: 0, target: 0.9, points: 5, scoring: 'proportional', direction: 'atLeast' })).toBe(0);
    expect(scoreIndicator({ value: 0, target: 0, points: 5, scoring: 'proportional', direction: 'atLeast' })).toBe(5);
  });
});

describe('roundPoints', () => {
  it('rounds half up to two decimals', () => {
    expect(roundPoints(1.3978)).toBe(1.4);
    expect(roundPoints(9.5555)).toBe(9.56);
    expect(roundPoints(1.005)).toBe(1.01);
  });
});

describe('meetsTarget', () => {
  it('compares by direction', () => {
    expect(meetsTarget(0.9, 0.9, 'atLeast')).toBe(true);
    expect(meetsTarget(1.01, 1, 'atMost')).toBe(false);
  });
});
