import { Entity, Index, PrimaryColumn } from 'typeorm';
import { DateColumn, IntColumn, RefColumn, TextColumn } from '../database/columns';

/** The columns the plan counts read after the area's prefix: the area indexes cover them. */
export const PLAN_COUNTED = ['windowEnd', 'contractId', 'source', 'type', 'windowStart', 'doneOn'];

/**
 * One row per item of a contract's service plan (domain.md §10) with how it was kept: what
 * 慢病随访及时率 and 履约率 count for a team, an institution or the region without deriving the
 * plans per request. The same plans the staff and residents see (services/service-plans.service.ts):
 * the rows of a contract are rewritten from its plan and its current service records, in the
 * transaction of every write that changes them (indicators/plan-items.ts); the migration fills
 * them from the contracts and records. Health information in the clear, like `contract_facts`:
 * only the indicator service reads it, no endpoint returns its rows.
 */
@Entity('service_plan_items')
@Index('IDX_service_plan_items_region', ['regionId', 'teamId', ...PLAN_COUNTED])
@Index('IDX_service_plan_items_institution', ['institutionId', 'teamId', ...PLAN_COUNTED])
@Index('IDX_service_plan_items_team', ['teamId', 'tallyBucket', ...PLAN_COUNTED])
@Index('IDX_service_plan_items_contract', ['contractId'])
export class ServicePlanItem {
  /** The plan item's id, `<contractId>:<key>:<n>` (what a service record's planItemId names). */
  @PrimaryColumn({ type: 'varchar', length: 160 }) id: string;
  @RefColumn() contractId: string;
  @RefColumn() personId: string;
  @RefColumn() regionId: string;
  @RefColumn() institutionId: string;
  @RefColumn() teamId: string;
  /** The service type due (`followUp`, `healthCheck`, …). */
  @TextColumn(20) type: string;
  /** `publicHealth` (a key group's schedule) or `package` (an item of a personalised package). */
  @TextColumn(12) source: string;
  @DateColumn() windowStart: string;
  @DateColumn() windowEnd: string;
  /** The date of the current service that fulfils it (which may lie after the window: late); null while not done. */
  @DateColumn({ nullable: true }) doneOn: string | null;
  @RefColumn({ nullable: true }) serviceId: string | null;
  /** The person's tally snapshot bucket (contract-facts.ts tallyBucketOf): the plan counts are kept per team and bucket with the contract tallies (team-tallies.ts). */
  @IntColumn({ default: 0 }) tallyBucket: number;
}
