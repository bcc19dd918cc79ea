import { EntityManager } from 'typeorm';
import { freesPlace, OPEN_REFERRAL_STATUSES, type ReferralStatus } from '@jiayi/domain';
import { ReferralRecord } from './referral.entity';
import { SlotPoolRecord } from './slot-pool.entity';

/**
 * The row-level moves of referrals that must stay right when requests, approvals, cancellations
 * and the jobs race, also across API processes and (later) on several Galera primaries: every
 * conflicting write is a conditional UPDATE of one row, decided by the database.
 *
 * - A hold takes a place: `held = held + 1 WHERE id = ? AND held < capacity AND closed = false`.
 * - A move of a referral is `WHERE id = ? AND status = <from>`; only the move that changed the row
 *   gives a place back (`held = held - 1`), so a freed place returns exactly once.
 */

/** Takes one place of an open pool that has one left; false when full or closed (nothing changed). */
export async function takePlace(manager: EntityManager, poolId: string): Promise<boolean> {
  const result = await manager
    .createQueryBuilder()
    .update(SlotPoolRecord)
    .set({ held: () => 'held + 1', updatedAt: new Date() })
    .where('id = :poolId AND held < capacity AND closed = :open', { poolId, open: 0 })
    .execute();
  return result.affected === 1;
}

async function returnPlace(manager: EntityManager, poolId: string): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(SlotPoolRecord)
    .set({ held: () => 'held - 1', updatedAt: new Date() })
    .where('id = :poolId', { poolId })
    .execute();
}

/**
 * Moves a referral from `from` to `to` if it is still in `from`; a move out of the open statuses
 * clears its open key, and a move that frees a place gives it back to the pool. False when another
 * request moved it first.
 */
export async function moveReferral(
  manager: EntityManager,
  referral: Pick<ReferralRecord, 'id' | 'slotId'>,
  from: ReferralStatus,
  to: ReferralStatus,
  fields: Partial<Pick<ReferralRecord, 'approvedAt' | 'approvedBy' | 'declineReason' | 'endedAt' | 'outcomeBy' | 'holdExpiresAt'>> = {},
  condition: { holdValidAt?: Date } = {},
): Promise<boolean> {
  const update = manager
    .createQueryBuilder()
    .update(ReferralRecord)
    .set({ status: to, ...(OPEN_REFERRAL_STATUSES.includes(to) ? {} : { openKey: null }), ...fields })
    .where('id = :id AND status = :from', { id: referral.id, from });
  if (condition.holdValidAt) update.andWhere('holdExpiresAt > :at', { at: condition.holdValidAt });
  const result = await update.execute();
  if (result.affected !== 1) return false;
  if (freesPlace(to)) await returnPlace(manager, referral.slotId);
  return true;
}

/**
 * Sets a pool's capacity unless that would put it below what is held, in the same statement
 * (`WHERE held <= capacity`): false when refused.
 */
export async function setCapacity(manager: EntityManager, poolId: string, capacity: number): Promise<boolean> {
  const result = await manager
    .createQueryBuilder()
    .update(SlotPoolRecord)
    .set({ capacity, updatedAt: new Date() })
    .where('id = :poolId AND held <= :capacity', { poolId, capacity })
    .execute();
  return result.affected === 1;
}
