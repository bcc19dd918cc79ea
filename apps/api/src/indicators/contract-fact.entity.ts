import { Entity, Index, PrimaryColumn } from 'typeorm';
import { BoolColumn, DateColumn, IntColumn, RefColumn } from '../database/columns';

/** The columns the indicator counts read: the area indexes cover them, so a dashboard never reads the rows. */
export const COUNTED = ['signedFrom', 'signedUntil', 'endDate', 'groupMask', 'paid', 'firstSigning', 'renewed', 'coveredUntil', 'coverageGaps', 'personId'];

/**
 * One narrow row per confirmed contract: what the indicators count. The contract's key groups are
 * encrypted (SQL cannot group by them), so the groups that matter for the evaluation are kept here
 * as a bit mask (POPULATION_GROUPS). This table holds health data in the clear: only the indicator
 * service reads it, no endpoint returns its rows, and a deployment grants it separately.
 *
 * Written only from the contract's own row (ContractFacts.record / ended), so concurrent changes
 * of different contracts never touch the same fact row.
 */
@Entity('contract_facts')
@Index('IDX_contract_facts_region', ['regionId', 'teamId', ...COUNTED])
@Index('IDX_contract_facts_institution', ['institutionId', 'teamId', ...COUNTED])
@Index('IDX_contract_facts_team', ['teamId', 'tallyBucket', ...COUNTED, 'pushYear', 'pushQuarters'])
@Index('IDX_contract_facts_person', ['personId', 'signedFrom'])
@Index('IDX_contract_facts_renewal_of', ['renewalOf'])
export class ContractFact {
  @PrimaryColumn({ type: 'varchar', length: 36 }) contractId: string;
  @RefColumn() personId: string;
  @RefColumn() regionId: string;
  @RefColumn() institutionId: string;
  @RefColumn() teamId: string;
  /** First day the person counts as signed: the start date, or the day the doctor confirmed if later. */
  @DateColumn() signedFrom: string;
  /** First day the person no longer counts: the day after the end date, or the day of termination. */
  @DateColumn() signedUntil: string;
  @DateColumn() endDate: string;
  @IntColumn() groupMask: number;
  @RefColumn({ nullable: true }) renewalOf: string | null;
  /** A confirmed renewal continues this contract (续约). */
  @BoolColumn({ default: false }) renewed: boolean;
  /** The person's first contract ever (新签). */
  @BoolColumn() firstSigning: boolean;
  /** The resident pays part of the fee (付费签约). */
  @BoolColumn() paid: boolean;
  /**
   * On the person's first fact (新签): the end of the unbroken coverage that starts with it — its own
   * span joined by every later contract that starts before the coverage so far ends (a renewal).
   * The person is signed on any day in [signedFrom, coveredUntil); null on the other facts.
   */
  @DateColumn({ nullable: true }) coveredUntil: string | null;
  /** On the first fact: some other contract of the person lies outside that coverage (signed again after a gap). */
  @BoolColumn({ default: false }) coverageGaps: boolean;
  /**
   * Which of the 64 parts of its team the fact's tally snapshot bucket is (team-tallies.ts; the team
   * index leads with it, so a stale bucket is an index range): from the person's id (tallyBucketOf).
   */
  @IntColumn({ default: 0 }) tallyBucket: number;
  /**
   * The latest year a push reached the person, and the quarters of that year it did (the bits of
   * `service_person_years.pushQuarters`): 推送覆盖率's numerator read from the team index alone
   * (contract-measures.ts reachedInQuarter). Kept by the push roll-up for every fact of its new targets
   * and set from the person-year rows when a fact is written; 0 when no push ever reached the person.
   */
  @IntColumn({ default: 0 }) pushYear: number;
  @IntColumn({ default: 0 }) pushQuarters: number;
}
