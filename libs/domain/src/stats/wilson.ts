/** A proportion with its n and 95 % Wilson interval; rate and interval are null when nobody answered. */
export interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
  ci95: [number, number] | null;
}

function assertCounts(numerator: number, denominator: number): void {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || numerator > denominator) {
    throw new RangeError(`counts must be whole numbers with 0 ≤ numerator ≤ denominator: ${numerator}/${denominator}`);
  }
}

/**
 * Wilson score interval for a proportion (fractions in [0, 1]). Needs denominator > 0; use `rate`
 * when it may be 0.
 * @example wilsonInterval(81, 263) // → [0.2553…, 0.3662…]
 */
export function wilsonInterval(numerator: number, denominator: number, z = 1.959964): [number, number] {
  assertCounts(numerator, denominator);
  if (denominator === 0) throw new RangeError('Wilson interval needs at least one observation');
  const n = denominator;
  const p = numerator / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const divisor = 1 + z2 / n;
  const low = numerator === 0 ? 0 : (centre - spread) / divisor;
  const high = numerator === n ? 1 : (centre + spread) / divisor;
  return [Math.max(0, low), Math.min(1, high)];
}

/**
 * A rate with its 95 % interval.
 * @example rate(0, 0) // → { numerator: 0, denominator: 0, rate: null, ci95: null }
 */
export function rate(numerator: number, denominator: number): Rate {
  assertCounts(numerator, denominator);
  if (denominator === 0) return { numerator, denominator, rate: null, ci95: null };
  return { numerator, denominator, rate: numerator / denominator, ci95: wilsonInterval(numerator, denominator) };
}
