import { Entity, PrimaryColumn } from 'typeorm';
import { DateColumn, RefColumn } from '../database/columns';

/**
 * Where a person belongs, kept so that a survey submission checks its scope by a primary-key
 * look-up instead of placing the resident itself (BENCHMARKS.md §5): the earliest active contract's
 * region, institution and team, or, when unsigned, the community's institution and region.
 * Written only by `placements.ts`, in the transaction of each write that can move a person (a
 * contract becoming active or closed, a person saved, claimed or erased).
 */
@Entity('person_placements')
export class PersonPlacement {
  @PrimaryColumn({ type: 'varchar', length: 36 }) personId: string;
  @RefColumn({ nullable: true }) regionId: string | null;
  @RefColumn({ nullable: true }) institutionId: string | null;
  @RefColumn({ nullable: true }) teamId: string | null;
  /** The contract the person is placed by; null when unsigned. */
  @RefColumn({ nullable: true }) contractId: string | null;
  /** First day of the current run of contracts (active or expired ones); null when unsigned. */
  @DateColumn({ nullable: true }) signedSince: string | null;
}
