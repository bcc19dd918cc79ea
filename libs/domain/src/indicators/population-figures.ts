import { ok, refuse, Result } from '../result';
import { POPULATION_GROUPS, PopulationGroup } from './indicator-definitions';

/** 常住人口 and each key group's count of one community for one year (copied from the public-health system). */
export interface PopulationFigures {
  residents: number;
  groups: Partial<Record<PopulationGroup, number>>;
}

const MAX_COUNT = 10_000_000;

/**
 * Checks entered figures: whole numbers from 0, known groups, and no group larger than the
 * resident population. Missing groups count as 0.
 * @example validatePopulationFigures({ residents: 1000, groups: { elderly65: 120 } }).ok // → true
 */
export function validatePopulationFigures(input: PopulationFigures): Result<PopulationFigures> {
  if (!Number.isSafeInteger(input.residents) || input.residents < 0 || input.residents > MAX_COUNT) {
    return refuse('POPULATION.COUNT', '常住人口须为 0 到 1000 万之间的整数', 'residents');
  }
  const known = new Set<string>(POPULATION_GROUPS.map((g) => g.code));
  const groups: Partial<Record<PopulationGroup, number>> = {};
  for (const [code, count] of Object.entries(input.groups)) {
    if (!known.has(code)) return refuse('POPULATION.GROUP', `没有这个重点人群：${code}`, `groups.${code}`);
    if (!Number.isSafeInteger(count) || count < 0) return refuse('POPULATION.COUNT', '人数须为不小于 0 的整数', `groups.${code}`);
    if (count > input.residents) return refuse('POPULATION.GROUP_EXCEEDS', '重点人群人数不能多于常住人口', `groups.${code}`);
    groups[code as PopulationGroup] = count;
  }
  return ok({ residents: input.residents, groups });
}

/**
 * Adds communities' figures into an area's (an institution sums its communities, a region its institutions).
 * @example sumPopulations([{ residents: 10, groups: { elderly65: 2 } }, { residents: 5, groups: {} }]) // → { residents: 15, groups: { elderly65: 2 } }
 */
export function sumPopulations(figures: readonly PopulationFigures[]): PopulationFigures {
  const groups: Partial<Record<PopulationGroup, number>> = {};
  let residents = 0;
  for (const f of figures) {
    residents += f.residents;
    for (const [code, count] of Object.entries(f.groups) as [PopulationGroup, number][]) groups[code] = (groups[code] ?? 0) + count;
  }
  return { residents, groups };
}
