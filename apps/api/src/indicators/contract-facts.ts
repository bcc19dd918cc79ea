import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { addDays, derivedTags, populationGroupMask, todayInChina } from '@jiayi/domain';
import { PiiCipher } from '../common/pii-cipher';
import { Contract } from '../contracts/contract.entity';
import { Person } from '../people/person.entity';
import { ContractFact } from './contract-fact.entity';
import { bumpEpoch, touchPersons } from './team-tallies';
import { tallyBucketOf } from './tally-buckets';
import { dayText } from '../database/columns';

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

export { tallyBucketOf, TALLY_BUCKET_SQL } from './tally-buckets';

/**
 * A contract's fact row from its own columns, the doctor-confirmed tags and the birth date
 * (age groups as on the start date, like the contract's own tags).
 */
export function factOf(
  contract: FactSource,
  confirmedTags: readonly string[],
  birthDate: string,
  firstSigning: boolean,
): Omit<ContractFact, 'renewed' | 'coveredUntil' | 'coverageGaps' | 'pushYear' | 'pushQuarters'> {
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
    tallyBucket: tallyBucketOf(contract.personId),
  };
}

/**
 * The person's push reach as a new fact carries it (ContractFact.pushYear): their latest person-year
 * row a push reached, read with a locking read on MariaDB, so that a roll-up committing meanwhile is
 * either seen here or waits and then updates the new fact too.
 */
async function pushReachOfPerson(manager: EntityManager, personId: string): Promise<{ pushYear: number; pushQuarters: number }> {
  const mariadb = manager.connection.options.type !== 'better-sqlite3';
  const [row] = (await manager.query(
    `SELECT year, pushQuarters FROM service_person_years WHERE personId = ? AND pushQuarters <> 0 ORDER BY year DESC LIMIT 1${mariadb ? ' LOCK IN SHARE MODE' : ''}`,
    [personId],
  )) as { year: number | string; pushQuarters: number | string }[];
  return row ? { pushYear: Number(row.year), pushQuarters: Number(row.pushQuarters) } : { pushYear: 0, pushQuarters: 0 };
}

/** One fact's span as the coverage needs it. */
export interface Span {
  contractId: string;
  signedFrom: string;
  signedUntil: string;
  firstSigning: boolean;
}

/**
 * The coverage kept on a person's first fact: starting from the first fact's span, every other
 * span that begins inside the coverage so far extends it (in start order); a non-empty span left
 * outside sets `gaps`. Exact: the person is signed on day d when signedFrom ≤ d < coveredUntil,
 * or — only when gaps — when some span holds d.
 * @example coverageOf([{ contractId: 'a', signedFrom: '2025-01-01', signedUntil: '2026-01-01', firstSigning: true },
 *   { contractId: 'b', signedFrom: '2026-01-01', signedUntil: '2027-01-01', firstSigning: false }])
 *   // → { contractId: 'a', coveredUntil: '2027-01-01', gaps: false }
 */
export function coverageOf(spans: readonly Span[]): { contractId: string; coveredUntil: string; gaps: boolean } | null {
  const first = spans.find((s) => s.firstSigning);
  if (!first) return null;
  let until = first.signedUntil;
  let gaps = false;
  const others = spans
    .filter((s) => s !== first && s.signedFrom < s.signedUntil)
    .sort((a, b) => (a.signedFrom < b.signedFrom ? -1 : a.signedFrom > b.signedFrom ? 1 : 0));
  for (const span of others) {
    if (span.signedFrom < first.signedFrom) gaps = true;
    else if (span.signedFrom <= until) {
      if (span.signedUntil > until) until = span.signedUntil;
    } else gaps = true;
  }
  return { contractId: first.contractId, coveredUntil: until, gaps };
}

/**
 * Recomputes the coverage on the first fact of each person from all their facts, holding the
 * facts' row locks (MariaDB) so that two writes of one person's facts recompute one after the other.
 * Called in the transaction that writes or ends a fact.
 */
export async function refreshCoverage(manager: EntityManager, personIds: readonly string[]): Promise<void> {
  const lock = manager.connection.options.type === 'better-sqlite3' ? '' : ' FOR UPDATE';
  for (const personId of [...new Set(personIds)].sort()) {
    const spans: Span[] = (
      await manager.query(`SELECT contractId, signedFrom, signedUntil, firstSigning FROM contract_facts WHERE personId = ?${lock}`, [personId])
    ).map((r: Record<string, unknown>) => ({
      contractId: String(r.contractId),
      signedFrom: dayText(r.signedFrom),
      signedUntil: dayText(r.signedUntil),
      firstSigning: Boolean(Number(r.firstSigning)),
    }));
    const coverage = coverageOf(spans);
    if (coverage)
      await manager.query('UPDATE contract_facts SET coveredUntil = ?, coverageGaps = ? WHERE contractId = ?', [
        coverage.coveredUntil,
        coverage.gaps ? 1 : 0,
        coverage.contractId,
      ]);
  }
}

/**
 * Fills the coverage of every first fact (the migration; data loaded without the API): one
 * statement for people with a single fact, the others person by person.
 */
export async function backfillCoverage(runner: { query: (sql: string, params?: unknown[]) => Promise<unknown> }): Promise<void> {
  await runner.query('UPDATE contract_facts SET coveredUntil = NULL, coverageGaps = 0 WHERE firstSigning = 0');
  await runner.query('UPDATE contract_facts SET coveredUntil = signedUntil, coverageGaps = 0 WHERE firstSigning = 1');
  const several = (await runner.query('SELECT personId FROM contract_facts GROUP BY personId HAVING COUNT(*) > 1')) as { personId: string }[];
  for (let i = 0; i < several.length; i += 500) {
    const ids = several.slice(i, i + 500).map((r) => r.personId);
    const rows = (await runner.query(
      `SELECT personId, contractId, signedFrom, signedUntil, firstSigning FROM contract_facts WHERE personId IN (${ids.map(() => '?').join(', ')})`,
      ids,
    )) as Record<string, unknown>[];
    const byPerson = new Map<string, Span[]>();
    for (const r of rows) {
      const list = byPerson.get(String(r.personId)) ?? [];
      list.push({
        contractId: String(r.contractId),
        signedFrom: dayText(r.signedFrom),
        signedUntil: dayText(r.signedUntil),
        firstSigning: Boolean(Number(r.firstSigning)),
      });
      byPerson.set(String(r.personId), list);
    }
    for (const spans of byPerson.values()) {
      const coverage = coverageOf(spans);
      if (coverage && (coverage.gaps || coverage.coveredUntil !== spans.find((s) => s.firstSigning)!.signedUntil))
        await runner.query('UPDATE contract_facts SET coveredUntil = ?, coverageGaps = ? WHERE contractId = ?', [
          coverage.coveredUntil,
          coverage.gaps ? 1 : 0,
          coverage.contractId,
        ]);
    }
  }
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
  if (contractIds.length === 0) return;
  const persons: { personId: string }[] = await manager.query(
    `SELECT DISTINCT personId FROM contract_facts WHERE contractId IN (${contractIds.map(() => '?').join(', ')})`,
    contractIds,
  );
  await refreshCoverage(
    manager,
    persons.map((p) => p.personId),
  );
  await touchPersons(
    manager,
    persons.map((p) => p.personId),
  );
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
    const fact = {
      ...factOf(contract, confirmedTags, birthDate, !earlier),
      ...(await pushReachOfPerson(manager, contract.personId)),
      renewed: renewedBy,
      coveredUntil: null,
      coverageGaps: false,
    };
    await manager
      .createQueryBuilder()
      .insert()
      .into(ContractFact)
      .values(fact)
      .orUpdate(['signedFrom', 'signedUntil', 'endDate', 'groupMask', 'paid'], ['contractId'])
      .execute();
    if (contract.renewalOf) await manager.update(ContractFact, { contractId: contract.renewalOf }, { renewed: true });
    await refreshCoverage(manager, [contract.personId]);
    await touchPersons(manager, [contract.personId]);
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
      // Facts may disappear or move: every tally snapshot is invalidated.
      await bumpEpoch(manager);
      for (const contract of contracts) {
        const tags = contract.confirmedTagsCipher ? this.cipher.decryptJson<string[]>(contract.confirmedTagsCipher) : [];
        await this.record(manager, contract, tags, persons.get(contract.personId)!);
      }
    });
    return contracts.length;
  }
}
