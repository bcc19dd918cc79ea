import { EntityManager } from 'typeorm';
import type { ContractStatus, TerminationReason } from '@jiayi/domain';
import { endContractFacts } from '../indicators/contract-facts';
import { refreshPlanItems } from '../indicators/plan-items';
import { Doctor } from '../reference/doctor.entity';
import { Team } from '../reference/team.entity';
import { Contract } from './contract.entity';
import { refreshPlacementsOfContracts } from '../people/placements';

/**
 * The row-level moves of contracts that must stay right when requests race, also across API
 * processes on one database. No in-process locks: every move is a row lock or a conditional
 * update that the database arbitrates.
 *
 * Lock order everywhere: the contract being closed → its renewal → teams → doctors → new contract rows.
 * Deadlocks that remain possible (two team changes swapping doctors) are retried by `inTransaction`
 * (database/transaction.ts).
 */

/**
 * The unique open slot of a contract: the person's id, `<personId>:renewal` for a renewal, or
 * `<personId>:change` for a change of team (改签) waiting for the new team while the old contract
 * still holds the main slot.
 */
export const mainSlot = (personId: string) => personId;
export const renewalSlot = (personId: string) => `${personId}:renewal`;
export const changeSlot = (personId: string) => `${personId}:change`;

/**
 * Reads a contract and, on MariaDB/MySQL, locks its row until the transaction ends
 * (`SELECT … FOR UPDATE` reads the latest committed row). SQLite serialises writers itself.
 */
export async function lockContract(manager: EntityManager, where: { id?: string; renewalOf?: string; openSlot?: string }): Promise<Contract | null> {
  const query = manager.createQueryBuilder(Contract, 'c');
  const entries = Object.entries(where);
  entries.forEach(([column, value], i) => query.andWhere(`c.${column} = :p${i}`, { [`p${i}`]: value }));
  if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
  return query.getOne();
}

/**
 * Takes `count` places of a doctor if that keeps them within `capacity`:
 * `UPDATE doctors SET heldPlaces = heldPlaces + n WHERE id = ? AND heldPlaces + n <= cap`.
 * False when the doctor is full (nothing changed).
 */
export async function takePlaces(manager: EntityManager, doctorId: string, count: number, capacity: number): Promise<boolean> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer: ${count}`);
  const result = await manager
    .createQueryBuilder()
    .update(Doctor)
    .set({ heldPlaces: () => `heldPlaces + ${count}` })
    .where('id = :doctorId AND heldPlaces + :count <= :capacity', { doctorId, count, capacity })
    .execute();
  return result.affected === 1;
}

/**
 * Counts `count` places in the team, within the region's team cap when there is one:
 * `UPDATE teams SET heldPlaces = heldPlaces + n WHERE id = ? [AND heldPlaces + n <= cap]`.
 * The counter moves also without a cap, so that a cap set later starts from the truth.
 * False when the team is full (nothing changed).
 */
export async function takeTeamPlaces(manager: EntityManager, teamId: string, count: number, capacity: number | null): Promise<boolean> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer: ${count}`);
  const query = manager
    .createQueryBuilder()
    .update(Team)
    .set({ heldPlaces: () => `heldPlaces + ${count}` })
    .where('id = :teamId', { teamId });
  if (capacity !== null) query.andWhere('heldPlaces + :count <= :capacity', { count, capacity });
  return (await query.execute()).affected === 1;
}

/** Gives back the place a contract holds, if it holds one (the flag and both counters move together). */
export async function releasePlace(manager: EntityManager, contract: Pick<Contract, 'id' | 'doctorId' | 'teamId'>): Promise<void> {
  const flag = await manager
    .createQueryBuilder()
    .update(Contract)
    .set({ holdsPlace: false })
    .where('id = :id AND holdsPlace = :yes', { id: contract.id, yes: 1 })
    .execute();
  if (flag.affected !== 1) return;
  await manager
    .createQueryBuilder()
    .update(Team)
    .set({ heldPlaces: () => 'heldPlaces - 1' })
    .where('id = :teamId AND heldPlaces > 0', { teamId: contract.teamId })
    .execute();
  await manager
    .createQueryBuilder()
    .update(Doctor)
    .set({ heldPlaces: () => 'heldPlaces - 1' })
    .where('id = :doctorId AND heldPlaces > 0', { doctorId: contract.doctorId })
    .execute();
}

/**
 * Moves a locked contract out of `from` into a closed status, freeing its open slot.
 * False when another request moved it first.
 */
export async function closeContract(
  manager: EntityManager,
  id: string,
  from: ContractStatus,
  to: 'rejected' | 'expired' | 'terminated',
  fields: { rejectionReason?: string; terminationReason?: TerminationReason; terminatedAt?: Date } = {},
): Promise<boolean> {
  const result = await manager
    .createQueryBuilder()
    .update(Contract)
    .set({ status: to, openSlot: null, ...fields })
    .where('id = :id AND status = :from', { id, from })
    .execute();
  if (result.affected !== 1) return false;
  await refreshPlacementsOfContracts(manager, [id]);
  return true;
}

/**
 * Ends a pending or active contract (locked by the caller) and the renewal that continues it,
 * giving back their places.
 */
export async function terminateWithRenewal(manager: EntityManager, contract: Contract, reason: TerminationReason, at: Date): Promise<boolean> {
  const renewal = await lockContract(manager, { renewalOf: contract.id, openSlot: renewalSlot(contract.personId) });
  if (!(await closeContract(manager, contract.id, contract.status, 'terminated', { terminationReason: reason, terminatedAt: at }))) return false;
  const renewalClosed = renewal && (await closeContract(manager, renewal.id, renewal.status, 'terminated', { terminationReason: reason, terminatedAt: at }));
  await releasePlace(manager, contract);
  if (renewal && renewalClosed) await releasePlace(manager, renewal);
  await endContractFacts(manager, renewal && renewalClosed ? [contract.id, renewal.id] : [contract.id], at);
  await refreshPlanItems(manager, renewal && renewalClosed ? [contract.id, renewal.id] : [contract.id]);
  return true;
}

/**
 * After the contract in a person's main slot has closed: a change of team still waiting for its
 * new team takes the main slot, so the person keeps exactly one contract that counts as theirs.
 * Call it with the closed contract's row lock held (lock order: closed contract → change).
 */
export async function promotePendingChange(manager: EntityManager, personId: string): Promise<void> {
  const change = await lockContract(manager, { openSlot: changeSlot(personId) });
  if (change) await manager.update(Contract, { id: change.id }, { openSlot: mainSlot(personId) });
}

/**
 * Confirms a change of team (改签) inside the caller's transaction: the contract in the person's
 * main slot (the old team's, or the renewal that took its place) ends as `changedTeam` with its
 * renewal, and the change moves into the main slot. The old contract's row is locked first, as
 * everywhere (closed contract → renewal → the change). False when the change is no longer pending.
 */
export async function handOverToChange(manager: EntityManager, change: Pick<Contract, 'id' | 'personId'>, at: Date): Promise<boolean> {
  const current = await lockContract(manager, { openSlot: mainSlot(change.personId) });
  if (current && current.id !== change.id) await terminateWithRenewal(manager, current, 'changedTeam', at);
  const locked = await lockContract(manager, { id: change.id });
  if (!locked || locked.status !== 'pending') return false;
  if (locked.openSlot === changeSlot(change.personId)) await manager.update(Contract, { id: locked.id }, { openSlot: mainSlot(change.personId) });
  return true;
}
