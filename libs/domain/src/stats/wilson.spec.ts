import { rate, wilsonInterval } from './wilson';

describe('wilsonInterval', () => {
  it('matches the textbook value for 81/263', () => {
    const [low, high] = wilsonInterval(81, 263);
    expect(low).toBeCloseTo(0.2553, 4);
    expect(high).toBeCloseTo(0.3662, 4);
  });

  it('stays inside [0, 1] at the edges', () => {
    const [low0, high0] = wilsonInterval(0, 10);
    expect(low0).toBe(0);
    expect(high0).toBeCloseTo(0.2775, 4);
    const [low10, high10] = wilsonInterval(10, 10);
    expect(low10).toBeCloseTo(0.7225, 4);
    expect(high10).toBe(1);
  });

  it('is symmetric around one half for half the answers', () => {
    const [low, high] = wilsonInterval(50, 100);
    expect(low).toBeCloseTo(0.4038, 4);
    expect(high).toBeCloseTo(0.5962, 4);
  });

  it('throws on impossible counts', () => {
    expect(() => wilsonInterval(0, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
  });
});

describe('rate', () => {
  it('gives the rate with its interval', () => {
    const r = rate(81, 263);
    expect(r.numerator).toBe(81);
    expect(r.denominator).toBe(263);
    expect(r.rate).toBeCloseTo(0.30798, 5);
    expect(r.ci95![0]).toBeCloseTo(0.2553, 4);
  });

  it('gives nulls when nobody answered', () => {
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, rate: null, ci95: null });
  });
});
