import type { ScoringRule, TargetDirection } from './indicator-definitions';

export interface ScoringInput {
  /** The indicator's value as a fraction (0.6989 for 69.89 %). */
  value: number;
  target: number;
  points: number;
  scoring: ScoringRule;
  direction: TargetDirection;
}

/**
 * Rounds points to two decimals, half up (the evaluation tables print points to 0.01).
 * @example roundPoints(1.3978) // → 1.4
 */
export function roundPoints(points: number): number {
  return Math.round((points + Number.EPSILON) * 100) / 100;
}

/**
 * Whether the value meets its target (≥ for most rates, ≤ for 签约饱和度).
 * @example meetsTarget(0.86, 0.9, 'atLeast') // → false
 */
export function meetsTarget(value: number, target: number, direction: TargetDirection): boolean {
  return direction === 'atLeast' ? value >= target : value <= target;
}

/**
 * Points scored by one indicator: threshold gives all or nothing; proportional gives
 * points × min(1, value ÷ target) (target ÷ value for an at-most indicator), rounded to 0.01.
 * @example scoreIndicator({ value: 0.6989, target: 1, points: 2, scoring: 'proportional', direction: 'atLeast' }) // → 1.4
 * @example scoreIndicator({ value: 0.86, target: 0.9, points: 10, scoring: 'proportional', direction: 'atLeast' }) // → 9.56
 */
export function scoreIndicator({ value, target, points, scoring, direction }: ScoringInput): number {
  if (meetsTarget(value, target, direction)) return points;
  if (scoring === 'threshold') return 0;
  const share = direction === 'atLeast' ? (target === 0 ? 1 : value / target) : target / value;
  return roundPoints(points * Math.max(0, Math.min(1, share)));
}
