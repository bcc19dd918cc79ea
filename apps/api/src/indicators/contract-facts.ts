import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { addDays, derivedTags, populationGroupMask, todayInChina } from '@jiayi/domain';
import { PiiCipher } from '../common/pii-cipher';
import { Contract } from '../contracts/contract.entity';
import { Person } from '../people/person.entity';
import { ContractFact } from './contract-fact.entity';

type FactSource = Pick<
  Contract,
  'id' | 'personId' | 'regionId' | 'institutionId' | 'teamId' | 'startDate' | 'endDate' | 'renewalOf' | 'fees' | 'doctorConfirmedAt' | 'terminatedAt'
>;

/** The day after which a terminated contract stops counting: never before it started counting. */
function untilAfterTermination(signedFrom: string, endDate: string, terminatedAt: Date | null): string {
  const natural = addDays(endDate, 1);
  if (!terminatedAt) return natural;
  const terminated = todayInChina(terminatedAt);
  if (terminated < signedFrom) return signedFrom;
  return terminated < natural ? terminated : natural;
}

/**
 * A contract's fact row from its own columns, the doctor-confirmed tags and the birth date
 * (age groups as on the start date, like the contract's own tags).
 */
export function factOf(contract: FactSource, confirmedTags: readonly string[], birthDate: string, firstSigning: boolean): Omit<ContractFact, 'renewed'> {
  const confirmedOn = todayInChina(contract.doctorConfirmedAt!);
  const signedFrom = confirmedOn > contract.startDate ? confirmedOn : contract.startDate;
  return {
    contractId: contract.id,
    personId: contract.personId,
    regionId: contract.regionId,
    institutionId: contract.institutionId,
    teamId: contract.teamId,
    signedFrom,
    signedUntil: untilAfterTermination(signedFrom, contract.endDate, contract.terminatedAt),
    endDate: contract.endDate,
    groupMask: populationGroupMask([...derivedTags(birthDate, contract.startDate), ...confirmedTags]),
    renewalOf: contract.renewalOf,
    firstSigning,
    // A contract written without its priced split (an import) counts as not fee-paying.
    paid: (contract.fees?.totals?.selfPay ?? 0) > 0,
  };
}

/**
 * Ends the facts of terminated contracts at the termination day. Called by the contract ledger in
 * the terminating transaction; each statement touches only the rows of the contracts it ends.
 */
export async function endContractFacts(manager: EntityManager, contractIds: string[], at: Date): Promise<void> {
  const day = todayInChina(at);
  for (const contractId of contractIds) {
    await manager
      .createQueryBuilder()
      .update(ContractFact)
      .set({ signedUntil: () => `CASE WHEN signedFrom > :day THEN signedFrom ELSE :day END` })
      .where('contractId = :contractId AND signedUntil > :day', { contractId, day })
      .execute();
  }
}

/** Keeps `contract_facts` in step with the contracts: written when a doctor confirms, ended on termination, rebuilt on demand. */
@Injectable()
export class ContractFacts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
  ) {}

  /** Writes the fact of a contract that just became active, in the confirming transaction. */
  async record(manager: EntityManager, contract: FactSource, confirmedTags: readonly string[], birthDate: string): Promise<void> {
    const earlier = await manager.getRepository(ContractFact).exists({ where: { personId: contract.personId, contractId: Not(contract.id) } });
    const renewedBy = await manager.getRepository(ContractFact).exists({ where: { renewalOf: contract.id } });
    const fact = { ...factOf(contract, confirmedTags, birthDate, !earlier), renewed: renewedBy };
    await manager
      .createQueryBuilder()
      .insert()
      .into(ContractFact)
      .values(fact)
      .orUpdate(['signedFrom', 'signedUntil', 'endDate', 'groupMask', 'paid'], ['contractId'])
      .execute();
    if (contract.renewalOf) await manager.update(ContractFact, { contractId: contract.renewalOf }, { renewed: true });
  }

  /**
   * Writes the facts of confirmed contracts that have none — contracts made active by a path that
   * does not call `record` (an on-site signing, an import). Each is written in its own transaction;
   * a concurrent `record` of the same contract ends in the same row (insert-or-update).
   */
  async catchUp(limit = 1000): Promise<number> {
    const missing: { id: string }[] = await this.dataSource.query(
      `SELECT c.id AS id FROM contracts c LEFT JOIN contract_facts f ON f.contractId = c.id
       WHERE c.doctorConfirmedAt IS NOT NULL AND f.contractId IS NULL ORDER BY c.startDate, c.createdAt LIMIT ${Number(limit)}`,
    );
    for (const { id } of missing) {
      await this.dataSource.transaction(async (manager) => {
        const contract = await manager.getRepository(Contract).findOneByOrFail({ id });
        const person = await manager.getRepository(Person).findOneByOrFail({ id: contract.personId });
        const tags = contract.confirmedTagsCipher ? this.cipher.decryptJson<string[]>(contract.confirmedTagsCipher) : [];
        await this.record(manager, contract, tags, person.birthDate);
      });
    }
    return missing.length;
  }

  /**
   * Recomputes the facts of every confirmed contract (or of the listed ones) from the contracts,
   * decrypting their tags: for data loaded without the API (imports, benchmarks) and for repairs.
   */
  async rebuild(contractIds?: string[]): Promise<number> {
    const contracts = await this.dataSource.getRepository(Contract).find({
      where: { doctorConfirmedAt: Not(IsNull()), ...(contractIds ? { id: In(contractIds) } : {}) },
      order: { startDate: 'ASC', createdAt: 'ASC' },
    });
    const persons = new Map<string, string>();
    for (let i = 0; i < contracts.length; i += 1000) {
      const ids = [...new Set(contracts.slice(i, i + 1000).map((c) => c.personId))];
      const rows = await this.dataSource.getRepository(Person).find({ select: { id: true, birthDate: true }, where: { id: In(ids) } });
      for (const p of rows) persons.set(p.id, p.birthDate);
    }
    await this.dataSource.transaction(async (manager) => {
      // Cleared first so that "the person's first contract" is decided in start-date order.
      if (contractIds) await manager.delete(ContractFact, { contractId: In(contractIds) });
      else await manager.clear(ContractFact);
      for (const contract of contracts) {
        const tags = contract.confirmedTagsCipher ? this.cipher.decryptJson<string[]>(contract.confirmedTagsCipher) : [];
        await this.record(manager, contract, tags, persons.get(contract.personId)!);
      }
    });
    return contracts.length;
  }
}
