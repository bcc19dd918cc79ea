import { In } from 'typeorm';
import { closedBy, CountedPlan, planIndicatorCounts } from '@jiayi/domain';
import { Contract } from '../../src/contracts/contract.entity';
import type { CountWindow } from '../../src/indicators/contract-measures';
import type { PlanCounts } from '../../src/indicators/plan-items';
import { PLANNED_STATUSES, ServicePlansService } from '../../src/services/service-plans.service';
import { ServiceRecord } from '../../src/services/service-record.entity';
import type { TestApp } from './test-app';

/** How many contracts' plans are derived at once (each batch loads its persons and services once). */
const BATCH = 2000;

/**
 * The reference the plan-item facts are checked against: 慢病随访及时率 and 履约率 per team derived
 * from the service plans of the team's contracts (the same plans and progress the staff and residents
 * see) on the counting day — libs/domain plan-indicators.ts. Too slow for the dashboard (≈ 2 s for a
 * team of 2,000 contracts at county scale), which counts the facts (indicators/plan-items.ts).
 */
export async function derivedPlanCounts(t: TestApp, teamIds: string[], w: CountWindow): Promise<Map<string, PlanCounts>> {
  const result = new Map<string, PlanCounts>();
  if (teamIds.length === 0) return result;
  const lastClosed = closedBy(w.day, w.today);
  const ids: { id: string }[] = await t.dataSource.getRepository(Contract).find({
    select: { id: true },
    where: { teamId: In(teamIds), status: In(PLANNED_STATUSES) },
    order: { id: 'ASC' },
  });
  const byTeam = new Map<string, CountedPlan[]>();
  for (let start = 0; start < ids.length; start += BATCH) {
    const contracts = await t.dataSource.getRepository(Contract).findBy({ id: In(ids.slice(start, start + BATCH).map((c) => c.id)) });
    const teamOf = new Map(contracts.map((c) => [c.id, c.teamId]));
    const facts: { contractId: string }[] = await t.dataSource.query(
      `SELECT contractId FROM contract_facts WHERE contractId IN (${contracts.map(() => '?').join(', ')}) AND signedFrom <= ? AND signedUntil > ?`,
      [...contracts.map((c) => c.id), w.day, w.day],
    );
    const inForce = new Set(facts.map((f) => f.contractId));
    const plans = await t.app.get(ServicePlansService).plans(contracts, w.day);
    const serviceIds = plans.flatMap((p) => p.items.map((i) => i.serviceId).filter((id): id is string => id !== null));
    const dates = new Map<string, string>();
    for (let s = 0; s < serviceIds.length; s += BATCH) {
      const rows = await t.dataSource
        .getRepository(ServiceRecord)
        .find({ select: { id: true, serviceDate: true }, where: { id: In(serviceIds.slice(s, s + BATCH)) } });
      for (const r of rows) dates.set(r.id, r.serviceDate);
    }
    for (const plan of plans) {
      const teamId = teamOf.get(plan.contractId)!;
      const list = byTeam.get(teamId) ?? [];
      list.push({
        inForce: inForce.has(plan.contractId),
        items: plan.items.map((i) => ({ ...i, doneOn: i.serviceId ? (dates.get(i.serviceId) ?? null) : null })),
      });
      byTeam.set(teamId, list);
    }
  }
  for (const teamId of teamIds) result.set(teamId, planIndicatorCounts(byTeam.get(teamId) ?? [], w.period, lastClosed));
  return result;
}
