import { formatYuan, formatYuanWithUnit, yuan } from './fen';

describe('money in fen', () => {
  it('formats fen as yuan', () => {
    expect(formatYuan(10400)).toBe('104.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(-150)).toBe('-1.50');
    expect(formatYuanWithUnit(31200)).toBe('312.00 元');
  });

  it('converts yuan to whole fen', () => {
    expect(yuan(104)).toBe(10400);
    expect(yuan(0.5)).toBe(50);
    expect(yuan(19.99)).toBe(1999);
    expect(yuan(0.1 + 0.2)).toBe(30);
  });

  it('throws on amounts that are not whole fen', () => {
    expect(() => formatYuan(10.5)).toThrow(RangeError);
    expect(() => yuan(0.001)).toThrow(RangeError);
    expect(() => yuan(Number.NaN)).toThrow(RangeError);
  });
});
