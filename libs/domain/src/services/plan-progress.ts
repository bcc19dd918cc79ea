import { addDays } from '../dates/calendar-date';
import type { ServiceType } from './service-types';
import { byCodeUnits, type PlanItem } from './service-plan';

/** What the plan needs to know of a recorded service (current versions only). */
export interface DeliveredService {
  id: string;
  type: ServiceType;
  serviceDate: string;
  planItemId: string | null;
}

/** `done`: a service fulfils it; `due`: its window is open; `overdue`: its window passed without one; `upcoming`: not yet. */
export type PlanItemState = 'done' | 'due' | 'overdue' | 'upcoming';

export const PLAN_ITEM_STATE_LABELS: Record<PlanItemState, string> = {
  done: '已完成',
  due: '待完成',
  overdue: '已逾期',
  upcoming: '未到期',
};

export interface PlanItemProgress extends PlanItem {
  state: PlanItemState;
  /** The service that fulfils it. */
  serviceId: string | null;
}

/**
 * 履约进度 in four counts that add up to `total`: done, open (window open, not yet done — not late),
 * overdue (window passed without a service) and upcoming.
 */
export interface PlanSummary {
  done: number;
  open: number;
  overdue: number;
  upcoming: number;
  total: number;
}

/**
 * Marks each plan item with its state on `today`. A service that names a plan item fulfils it;
 * a service that names none fulfils the earliest open item of its type whose window holds its
 * date. Each service fulfils one item at most.
 * @example planProgress(plan, [{ id: 's1', type: 'followUp', serviceDate: '2026-02-10', planItemId: null }], '2026-05-01')
 *   // the first quarter's follow-up is done, the second due
 */
export function planProgress(plan: readonly PlanItem[], services: readonly DeliveredService[], today: string): PlanItemProgress[] {
  const fulfilledBy = new Map<string, string>();
  const used = new Set<string>();
  const itemIds = new Set(plan.map((i) => i.id));
  for (const service of services) {
    if (service.planItemId && itemIds.has(service.planItemId) && !fulfilledBy.has(service.planItemId)) {
      fulfilledBy.set(service.planItemId, service.id);
      used.add(service.id);
    }
  }
  const loose = [...services].filter((s) => !used.has(s.id) && !s.planItemId).sort((a, b) => byCodeUnits(a.serviceDate, b.serviceDate));
  for (const item of plan) {
    if (fulfilledBy.has(item.id)) continue;
    const match = loose.find((s) => !used.has(s.id) && s.type === item.type && s.serviceDate >= item.windowStart && s.serviceDate <= item.windowEnd);
    if (match) {
      fulfilledBy.set(item.id, match.id);
      used.add(match.id);
    }
  }
  return plan.map((item) => {
    const serviceId = fulfilledBy.get(item.id) ?? null;
    const state: PlanItemState = serviceId ? 'done' : item.windowEnd < today ? 'overdue' : item.windowStart <= today ? 'due' : 'upcoming';
    return { ...item, state, serviceId };
  });
}

/**
 * Counts for 履约进度.
 * @example summarisePlan(progress) // → { done: 2, open: 1, overdue: 1, upcoming: 4, total: 8 }
 */
export function summarisePlan(progress: readonly PlanItemProgress[]): PlanSummary {
  const count = (state: PlanItemState) => progress.filter((i) => i.state === state).length;
  return { done: count('done'), open: count('due'), overdue: count('overdue'), upcoming: count('upcoming'), total: progress.length };
}

/**
 * Whether an open item belongs on this week's to-do list: its window ends within 7 days.
 * @example dueThisWeek({ state: 'due', windowEnd: '2026-03-05' }, '2026-03-01') // → true
 */
export function dueThisWeek(item: Pick<PlanItemProgress, 'state' | 'windowEnd'>, today: string): boolean {
  return item.state === 'due' && item.windowEnd <= addDays(today, 6);
}
