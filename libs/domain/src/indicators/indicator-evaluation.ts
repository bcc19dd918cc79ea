import { wilsonInterval } from '../stats/wilson';
import type { EvaluationIndicator, IndicatorGroup, ScoringRule, TargetDirection } from './indicator-definitions';
import { meetsTarget, roundPoints, scoreIndicator } from './indicator-scoring';
import type { IndicatorTarget } from './indicator-targets';

/** Counts of one indicator for an area and period; null when its source is not built yet. */
export type IndicatorCounts = { numerator: number; denominator: number } | null;

/**
 * - scored: counted and given points;
 * - notApplicable: the denominator (population) is zero in the area: left out, the rest standardised (标化);
 * - noData: the records behind it are not kept by Jiayi yet (left out as well).
 */
export type IndicatorStatus = 'scored' | 'notApplicable' | 'noData';

export interface ScoredIndicator {
  code: string;
  name: string;
  group: IndicatorGroup;
  status: IndicatorStatus;
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  /** Wilson 95 % interval, for proportions only (null when the numerator may exceed the denominator). */
  ci95: [number, number] | null;
  target: number;
  direction: TargetDirection;
  scoring: ScoringRule;
  met: boolean | null;
  points: number | null;
  maxPoints: number;
}

export type Grade = 'excellent' | 'good' | 'fair' | 'poor';

export const GRADE_LABELS: Record<Grade, string> = { excellent: '优', good: '良', fair: '中', poor: '差' };

export interface Evaluation {
  indicators: ScoredIndicator[];
  /** Points scored over the indicators that count. */
  total: number;
  /** The points those indicators could have given. */
  maxTotal: number;
  /** The full mark of the table (every configured indicator's points). */
  fullMark: number;
  /** total scaled to the full mark when indicators were left out (标化); null when none counts. */
  standardised: number | null;
  grade: Grade | null;
}

/**
 * The grade of a score out of 100: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60.
 * @example gradeOf(89.99) // → 'good'
 */
export function gradeOf(scoreOutOf100: number): Grade {
  if (scoreOutOf100 >= 90) return 'excellent';
  if (scoreOutOf100 >= 80) return 'good';
  if (scoreOutOf100 >= 60) return 'fair';
  return 'poor';
}

/**
 * 标化: the score scaled from the points that could be earned to the full mark.
 * @example standardise(36, 45, 100) // → 80
 */
export function standardise(total: number, maxTotal: number, fullMark: number): number | null {
  if (maxTotal <= 0) return null;
  return roundPoints((total * fullMark) / maxTotal);
}

/**
 * Scores every indicator from its counts under the region's targets, then totals, standardises
 * and grades. Indicators with a zero denominator or without data are left out of the maximum.
 * @example evaluate([renewalDefinition], { renewal: { numerator: 19, denominator: 20 } }, {}).indicators[0].points // → 10
 */
export function evaluate(
  definitions: readonly EvaluationIndicator[],
  counts: Readonly<Record<string, IndicatorCounts>>,
  targets: Readonly<Record<string, IndicatorTarget>>,
): Evaluation {
  const indicators = definitions.map((definition) => evaluateOne(definition, counts[definition.code] ?? null, targets[definition.code]));
  const counted = indicators.filter((i) => i.status === 'scored');
  const total = roundPoints(counted.reduce((sum, i) => sum + (i.points ?? 0), 0));
  const maxTotal = roundPoints(counted.reduce((sum, i) => sum + i.maxPoints, 0));
  const fullMark = roundPoints(indicators.reduce((sum, i) => sum + i.maxPoints, 0));
  const standardised = standardise(total, maxTotal, fullMark);
  const grade = standardised === null || fullMark === 0 ? null : gradeOf((standardised * 100) / fullMark);
  return { indicators, total, maxTotal, fullMark, standardised, grade };
}

function evaluateOne(definition: EvaluationIndicator, counts: IndicatorCounts, override: IndicatorTarget | undefined): ScoredIndicator {
  const { target, points, scoring } = override ?? definition;
  const base = {
    code: definition.code,
    name: definition.name,
    group: definition.group,
    target,
    direction: definition.direction,
    scoring,
    maxPoints: points,
  };
  if (counts === null) return { ...base, status: 'noData', numerator: null, denominator: null, rate: null, ci95: null, met: null, points: null };
  const { numerator, denominator } = counts;
  if (denominator === 0) return { ...base, status: 'notApplicable', numerator, denominator, rate: null, ci95: null, met: null, points: null };
  const value = numerator / denominator;
  const ci95 = numerator <= denominator ? wilsonInterval(numerator, denominator) : null;
  return {
    ...base,
    status: 'scored',
    numerator,
    denominator,
    rate: value,
    ci95,
    met: meetsTarget(value, target, definition.direction),
    points: scoreIndicator({ value, target, points, scoring, direction: definition.direction }),
  };
}
