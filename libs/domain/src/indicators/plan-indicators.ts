import { addDays } from '../dates/calendar-date';
import type { PlanItemProgress } from '../services/plan-progress';
import type { IndicatorCounts } from './indicator-evaluation';
import type { Period } from './indicator-period';

/**
 * The last day whose plan windows count as closed: the counting day when it is past (a whole past
 * period), else the day before it — a window that ends today can still be kept today.
 * @example closedBy('2026-12-31', '2027-02-01') // → '2026-12-31'
 * @example closedBy('2026-05-20', '2026-05-20') // → '2026-05-19'
 */
export function closedBy(countingDay: string, today: string): string {
  return countingDay < today ? countingDay : addDays(countingDay, -1);
}

/** One plan item as the indicators read it: its progress and, when done, the date of the service that did it. */
export interface CountedPlanItem extends Pick<PlanItemProgress, 'type' | 'source' | 'windowStart' | 'windowEnd' | 'state'> {
  doneOn: string | null;
}

/** A contract with its plan on the counting day. */
export interface CountedPlan {
  /** Signed on the counting day (the contract is in force). */
  inForce: boolean;
  items: readonly CountedPlanItem[];
}

const dueIn = (item: CountedPlanItem, period: Period, lastClosed: string) => item.windowEnd >= period.from && item.windowEnd <= lastClosed;

/**
 * 慢病随访及时率 and 履约率 (domain.md §9, §10) over contracts' plans:
 * - 慢病随访及时率: the public-health follow-ups (hypertension / diabetes, severe mental disorder)
 *   whose window closed in the period / those of them done by a service dated inside the window;
 * - 履约率: contracts in force on the counting day with at least one item whose window closed in the
 *   period / those of them whose every such item is done.
 * The API counts the same in SQL over plan items kept as facts (apps/api indicators/plan-items.ts)
 * for a team, an institution and the region; its tests check the two agree.
 * @example planIndicatorCounts([{ inForce: true, items: [{ type: 'followUp', source: 'publicHealth', windowStart: '2026-01-01',
 *   windowEnd: '2026-03-31', state: 'done', doneOn: '2026-02-01' }] }], { from: '2026-01-01', to: '2026-12-31' }, '2026-05-19')
 *   // → { followUpTimeliness: { numerator: 1, denominator: 1 }, fulfilment: { numerator: 1, denominator: 1 } }
 */
export function planIndicatorCounts(
  plans: readonly CountedPlan[],
  period: Period,
  lastClosed: string,
): { followUpTimeliness: IndicatorCounts; fulfilment: IndicatorCounts } {
  let due = 0;
  let timely = 0;
  let withItems = 0;
  let fulfilled = 0;
  for (const plan of plans) {
    const closed = plan.items.filter((i) => dueIn(i, period, lastClosed));
    for (const item of closed) {
      if (item.type !== 'followUp' || item.source !== 'publicHealth') continue;
      due++;
      if (item.state === 'done' && item.doneOn !== null && item.doneOn >= item.windowStart && item.doneOn <= item.windowEnd) timely++;
    }
    if (!plan.inForce || closed.length === 0) continue;
    withItems++;
    if (closed.every((i) => i.state === 'done')) fulfilled++;
  }
  return { followUpTimeliness: { numerator: timely, denominator: due }, fulfilment: { numerator: fulfilled, denominator: withItems } };
}
