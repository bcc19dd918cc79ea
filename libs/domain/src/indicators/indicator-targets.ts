import { ok, refuse, Result } from '../result';
import { INDICATORS, ScoringRule } from './indicator-definitions';

/** A region's setting for one indicator: target (a fraction), points and scoring rule. */
export interface IndicatorTarget {
  target: number;
  points: number;
  scoring: ScoringRule;
}

/**
 * The targets in force: the seeds' defaults overlaid with the region's settings.
 * @example effectiveTargets({ renewal: { target: 0.9, points: 8, scoring: 'threshold' } }).renewal.points // → 8
 */
export function effectiveTargets(regionSettings: Readonly<Record<string, IndicatorTarget>>): Record<string, IndicatorTarget> {
  return Object.fromEntries(INDICATORS.map((i) => [i.code, regionSettings[i.code] ?? { target: i.target, points: i.points, scoring: i.scoring }]));
}

/**
 * Checks a region admin's settings: known indicator codes, targets between 0 and 10 (saturation
 * may exceed 1), points between 0 and 100 with at most two decimals, and a known scoring rule.
 * @example validateIndicatorTargets({ renewal: { target: 0.95, points: 10, scoring: 'proportional' } }).ok // → true
 */
export function validateIndicatorTargets(settings: Readonly<Record<string, IndicatorTarget>>): Result<Record<string, IndicatorTarget>> {
  for (const [code, setting] of Object.entries(settings)) {
    const field = `targets.${code}`;
    if (!INDICATORS.some((i) => i.code === code)) return refuse('INDICATOR.UNKNOWN', `没有这个考核指标：${code}`, field);
    if (!Number.isFinite(setting.target) || setting.target < 0 || setting.target > 10) {
      return refuse('INDICATOR.TARGET', '目标值须在 0 到 10 之间（以小数表示，如 0.9 即 90%）', `${field}.target`);
    }
    if (!Number.isFinite(setting.points) || setting.points < 0 || setting.points > 100 || Math.round(setting.points * 100) !== setting.points * 100) {
      return refuse('INDICATOR.POINTS', '分值须在 0 到 100 之间，最多两位小数', `${field}.points`);
    }
    if (setting.scoring !== 'threshold' && setting.scoring !== 'proportional') {
      return refuse('INDICATOR.SCORING', '计分方式须为达标计分或按比例计分', `${field}.scoring`);
    }
  }
  return ok({ ...settings });
}
