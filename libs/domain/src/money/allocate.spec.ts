import { allocate } from './allocate';

describe('allocate', () => {
  it('splits in proportion and adds up exactly', () => {
    expect(allocate(2500, [800, 3200])).toEqual([500, 2000]);
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(1, [800, 3200])).toEqual([0, 1]);
    expect(allocate(0, [0, 0])).toEqual([0, 0]);
  });

  it('keeps the sum for awkward ratios', () => {
    const parts = allocate(9999, [3, 7, 11]);
    expect(parts).toEqual([1428, 3333, 5238]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(9999);
  });

  it('throws on bad input', () => {
    expect(() => allocate(10, [0, 0])).toThrow(RangeError);
    expect(() => allocate(1.5, [1])).toThrow(RangeError);
  });
});
