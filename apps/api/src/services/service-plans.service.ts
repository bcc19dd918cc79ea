import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { DeliveredService, KeyGroupTag, planProgress, servicePlan, summarisePlan, todayInChina } from '@jiayi/domain';
import type { ContractPlan } from '@jiayi/contract';
import { PiiCipher } from '../common/pii-cipher';
import { Contract } from '../contracts/contract.entity';
import { signedCatalog, SignedCatalog } from '../packages/package-versions';
import { Person } from '../people/person.entity';
import { ServiceRecord } from './service-record.entity';

/** Contracts whose plan is shown: what is or was in force (a pending or rejected contract promises nothing yet). */
export const PLANNED_STATUSES: Contract['status'][] = ['active', 'expired', 'terminated'];

/** A current service record as the plan matches it. */
export type PlannedService = DeliveredService & { contractId: string };

/**
 * The plans of contracts with their progress on `today`: libs/domain's servicePlan over the
 * contract, the person's confirmed key groups and the region's packages, matched against the
 * current versions of the services recorded for the contract (read here unless the caller passes
 * them — the plan-item facts read them under lock). The one derivation behind the resident's and
 * the team's plans and the plan-item facts of the indicators (indicators/plan-items.ts).
 */
export async function contractPlans(
  manager: EntityManager,
  cipher: PiiCipher,
  contracts: Contract[],
  today: string,
  services?: PlannedService[],
  catalogOptions: { versions?: boolean } = {},
): Promise<ContractPlan[]> {
  const planned = contracts.filter((c) => PLANNED_STATUSES.includes(c.status));
  if (planned.length === 0) return [];
  const [persons, delivered] = await Promise.all([
    manager.findBy(Person, { id: In([...new Set(planned.map((c) => c.personId))]) }),
    services ??
      (manager.find(ServiceRecord, {
        select: { id: true, contractId: true, type: true, serviceDate: true, planItemId: true },
        where: { contractId: In(planned.map((c) => c.id)), current: true },
      }) as Promise<PlannedService[]>),
  ]);
  const personById = new Map(persons.map((p) => [p.id, p]));
  const servicesByContract = new Map<string, PlannedService[]>();
  for (const s of delivered) servicesByContract.set(s.contractId, [...(servicesByContract.get(s.contractId) ?? []), s]);
  // The packages as they were when each contract was signed (a later catalogue edit changes new contracts only).
  const catalogs = new Map<string, SignedCatalog>();
  for (const regionId of new Set(planned.map((c) => c.regionId))) catalogs.set(regionId, await signedCatalog(manager, regionId, catalogOptions));
  return planned.map((contract) => {
    const person = personById.get(contract.personId);
    const tagsCipher = contract.confirmedTagsCipher ?? person?.declaredTagsCipher;
    const tags = tagsCipher ? cipher.decryptJson<KeyGroupTag[]>(tagsCipher) : [];
    const packages = catalogs
      .get(contract.regionId)!
      .at(contract.createdAt)
      .filter((p) => contract.packageCodes.includes(p.code));
    const plan = servicePlan({
      id: contract.id,
      startDate: contract.startDate,
      endDate: contract.endDate,
      birthDate: person?.birthDate ?? contract.startDate,
      tags,
      packages,
      terminatedOn: contract.status === 'terminated' && contract.terminatedAt ? todayInChina(contract.terminatedAt) : null,
    });
    const items = planProgress(plan, servicesByContract.get(contract.id) ?? [], today);
    return {
      contractId: contract.id,
      status: contract.status,
      startDate: contract.startDate,
      endDate: contract.endDate,
      items,
      summary: summarisePlan(items),
    };
  });
}

/** Service plans of contracts with their progress (see contractPlans). */
@Injectable()
export class ServicePlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
  ) {}

  async plans(contracts: Contract[], today = todayInChina(new Date())): Promise<ContractPlan[]> {
    return contractPlans(this.dataSource.manager, this.cipher, contracts, today);
  }
}
