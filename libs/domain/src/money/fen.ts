// Money is an integer number of 分 (fen). These helpers are the only place it turns into text.

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`money must be an integer number of fen: ${fen}`);
}

/**
 * Fen as yuan with two decimals.
 * @example formatYuan(10400) // → '104.00'; formatYuan(-5) // → '-0.05'
 */
export function formatYuan(fen: number): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Fen as yuan with the unit, for display.
 * @example formatYuanWithUnit(10400) // → '104.00 元'
 */
export function formatYuanWithUnit(fen: number): string {
  return `${formatYuan(fen)} 元`;
}

/**
 * Yuan to fen; refuses amounts finer than one fen.
 * @example yuan(104) // → 10400; yuan(0.5) // → 50
 */
export function yuan(n: number): number {
  const fen = Math.round(n * 100);
  if (!Number.isFinite(n) || Math.abs(fen - n * 100) > 1e-6) {
    throw new RangeError(`not a whole number of fen: ${n} yuan`);
  }
  assertFen(fen);
  return fen;
}
