import type { EntityManager } from 'typeorm';
import { Contract } from './contract.entity';

/**
 * Whether any contract, whatever its status, names this person. Contracts are kept at least five
 * years (domain.md §5), so such a person is never deleted. Owned here so that the people feature
 * asks the contracts feature instead of reading its table.
 */
export async function personHasContracts(manager: EntityManager, personId: string): Promise<boolean> {
  return (await manager.getRepository(Contract).countBy({ personId })) > 0;
}
