/**
 * Splits an integer amount of fen in proportion to weights, so the parts add up exactly
 * (largest remainder; ties go to the earlier part).
 * @example allocate(2500, [800, 3200]) // → [500, 2000]; allocate(100, [1, 1, 1]) // → [34, 33, 33]
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount must be whole fen ≥ 0: ${amount}`);
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('weights must be whole numbers ≥ 0');
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (weightSum === 0) {
    if (amount === 0) return weights.map(() => 0);
    throw new RangeError('cannot allocate over zero weights');
  }
  const exact = weights.map((w) => (amount * w) / weightSum);
  const parts = exact.map(Math.floor);
  let left = amount - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    parts[index] += 1;
    left -= 1;
  }
  return parts;
}
