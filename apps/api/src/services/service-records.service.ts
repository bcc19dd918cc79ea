import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  bloodPressureOnTarget,
  checkMeasurements,
  describeMeasurements,
  glucoseOnTarget,
  Measurements,
  readingsOnTarget,
  SERVICE_CHANNEL_LABELS,
  SERVICE_TYPE_LABELS,
  todayInChina,
} from '@jiayi/domain';
import type { ResidentRecord, ResidentServices, ServiceRecordView } from '@jiayi/contract';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { StaffAccount } from '../auth/staff-account.entity';
import { badRequest, notFound, refusal, refusalError } from '../common/api-error';
import { PiiCipher } from '../common/pii-cipher';
import { maskPhone } from '../contracts/contract-views';
import { Contract } from '../contracts/contract.entity';
import { inTransaction, writeOnce } from '../database/transaction';
import { lockPlanContracts, refreshPlanItems } from '../indicators/plan-items';
import { lockServiceYears, recountServiceYears, yearOfDate } from '../indicators/service-years';
import { NoticesService } from '../notices/notices.service';
import { PeopleService } from '../people/people.service';
import { Person } from '../people/person.entity';
import { CorrectServiceDto, RecordServiceDto } from './dto/services.dto';
import { ServicePlansService } from './service-plans.service';
import { ServiceRecord } from './service-record.entity';
import { checkSignatureImage } from './signature-image';
import { contractInScope, contractsOfPersonInScope, staffScope } from './staff-scope';

/** The fields a service version is made of, checked. */
interface CheckedService {
  type: ServiceRecord['type'];
  serviceDate: string;
  channel: ServiceRecord['channel'];
  planItemId: string | null;
  measurements: Measurements | null;
  note: string | null;
}

/**
 * Service records (履约记录): recorded by the team, corrected only by a new version, confirmed by
 * the resident. Readings and notes are encrypted and never logged; every staff read is audited.
 */
@Injectable()
export class ServiceRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: ServicePlansService,
    private readonly people: PeopleService,
    private readonly notices: NoticesService,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
  ) {}

  async record(auth: AuthContext, dto: RecordServiceDto): Promise<ServiceRecordView> {
    const contract = await this.targetContract(auth, dto);
    const checked = await this.check(contract, dto);
    const signature = dto.residentSignature ? checkSignatureImage(dto.residentSignature, 'residentSignature') : null;
    const id = randomUUID();
    const now = new Date();
    const row: ServiceRecord = {
      ...this.stored(checked),
      id,
      personId: contract.personId,
      contractId: contract.status === 'active' ? contract.id : null,
      teamId: contract.teamId,
      institutionId: contract.institutionId,
      regionId: contract.regionId,
      current: true,
      version: 1,
      lineageId: id,
      correctsId: null,
      correctionReason: null,
      recordedByStaffId: auth.accountId,
      confirmationSignatureCipher: signature ? this.cipher.encrypt(signature) : null,
      confirmedVia: signature ? 'signature' : null,
      confirmedAt: signature ? now : null,
      createdAt: now,
    };
    await inTransaction(this.dataSource, async (manager) => {
      // The person's yearly roll-up (indicators) is locked first and recounted after the insert.
      await lockServiceYears(manager, row.personId, [yearOfDate(row.serviceDate)]);
      await lockPlanContracts(manager, [row.contractId]);
      await manager.insert(ServiceRecord, row);
      await recountServiceYears(manager, row.personId, [yearOfDate(row.serviceDate)]);
      await refreshPlanItems(manager, [row.contractId], this.cipher);
      await this.audit.record(auth, 'service.record', [row.personId], 'service', row.id, manager);
      await this.tellResident(manager, row);
    });
    return (await this.views([row]))[0];
  }

  /**
   * A correction is a new version: the old one stops being current by a conditional update (so of
   * two racing corrections only one wins) and the new one says who corrected it and why. The
   * resident confirms the corrected version again.
   */
  async correct(auth: AuthContext, id: string, dto: CorrectServiceDto): Promise<ServiceRecordView> {
    const previous = await this.inScope(auth, id);
    if (!previous.current) throw refusal('SERVICE.NOT_CURRENT', '这条记录已被更正过，请在最新的版本上更正');
    const contract = previous.contractId
      ? await this.dataSource.getRepository(Contract).findOneByOrFail({ id: previous.contractId })
      : await this.latestContract(auth, previous.personId);
    const checked = await this.check(contract, dto);
    const now = new Date();
    const row: ServiceRecord = {
      ...previous,
      ...this.stored(checked),
      id: randomUUID(),
      current: true,
      version: previous.version + 1,
      correctsId: previous.id,
      correctionReason: dto.reason,
      recordedByStaffId: auth.accountId,
      confirmationSignatureCipher: null,
      confirmedVia: null,
      confirmedAt: null,
      createdAt: now,
    };
    const years = [yearOfDate(previous.serviceDate), yearOfDate(row.serviceDate)];
    await inTransaction(this.dataSource, async (manager) => {
      await lockServiceYears(manager, row.personId, years);
      await lockPlanContracts(manager, [previous.contractId, row.contractId]);
      const retired = await manager
        .createQueryBuilder()
        .update(ServiceRecord)
        .set({ current: false })
        .where('id = :id AND current = :yes', { id: previous.id, yes: 1 })
        .execute();
      if (retired.affected !== 1) throw refusal('SERVICE.NOT_CURRENT', '这条记录刚被别人更正过，请刷新后在最新的版本上更正');
      await manager.insert(ServiceRecord, row);
      await recountServiceYears(manager, row.personId, years);
      await refreshPlanItems(manager, [previous.contractId, row.contractId], this.cipher);
      await this.audit.record(auth, 'service.correct', [row.personId], 'service', row.id, manager);
      await this.tellResident(manager, row);
    });
    return (await this.views([row]))[0];
  }

  /** Every version of the services of a resident in scope, newest first (audited). */
  async listForPerson(auth: AuthContext, personId: string): Promise<ServiceRecordView[]> {
    await contractsOfPersonInScope(this.dataSource, auth, personId);
    const rows = await this.dataSource.getRepository(ServiceRecord).find({
      where: { personId, ...staffScope(auth) },
      order: { serviceDate: 'DESC', createdAt: 'DESC', version: 'DESC' },
    });
    await this.audit.record(auth, 'service.list', [personId], 'service');
    return this.views(rows);
  }

  /** The resident's record as the team sees it: person, contracts, plans and every service version (audited). */
  async residentRecord(auth: AuthContext, personId: string): Promise<ResidentRecord> {
    const contracts = await contractsOfPersonInScope(this.dataSource, auth, personId);
    const person = await this.dataSource.getRepository(Person).findOneByOrFail({ id: personId });
    const rows = await this.dataSource.getRepository(ServiceRecord).find({
      where: { personId, ...staffScope(auth) },
      order: { serviceDate: 'DESC', createdAt: 'DESC', version: 'DESC' },
    });
    const view = this.people.toView(person);
    await this.audit.record(auth, 'resident.record.read', [personId], 'person', personId);
    return {
      person: {
        id: person.id,
        name: person.name,
        idNumberMasked: person.idNumberMasked,
        gender: person.gender,
        age: view.age,
        tags: view.tags,
        phoneMasked: maskPhone(this.people.phone(person)),
        claimed: person.accountId !== null,
      },
      contracts: contracts.map((c) => ({
        id: c.id,
        status: c.status,
        teamId: c.teamId,
        doctorId: c.doctorId,
        startDate: c.startDate,
        endDate: c.endDate,
        packageCodes: c.packageCodes,
        signedBy: c.signedBy,
        channel: c.channel,
        hasSignature: c.signatureCipher !== null,
      })),
      plans: await this.plans.plans(contracts.slice(0, 3)),
      services: await this.views(rows),
    };
  }

  /** 我的服务: for the account's persons, the current services (with readings) and their contracts' plans. */
  async residentServices(auth: AuthContext): Promise<ResidentServices> {
    const persons = (await this.dataSource.getRepository(Person).find({ where: { accountId: auth.accountId }, order: { createdAt: 'ASC', id: 'ASC' } })).sort(
      (a, b) => Number(b.relation === 'self') - Number(a.relation === 'self'),
    );
    const ids = persons.map((p) => p.id);
    const [contracts, rows] =
      ids.length === 0
        ? [[], []]
        : await Promise.all([
            this.dataSource.getRepository(Contract).find({ where: { personId: In(ids), status: In(['active']) }, order: { startDate: 'ASC' } }),
            this.dataSource
              .getRepository(ServiceRecord)
              .find({ where: { personId: In(ids), current: true }, order: { serviceDate: 'DESC', createdAt: 'DESC' } }),
          ]);
    const [plans, services] = await Promise.all([this.plans.plans(contracts), this.views(rows)]);
    const planOf = new Map(contracts.map((c) => [c.id, c.personId]));
    return {
      today: todayInChina(new Date()),
      people: persons.map((p) => ({
        personId: p.id,
        name: p.name,
        relation: p.relation,
        plans: plans.filter((plan) => planOf.get(plan.contractId) === p.id),
        services: services.filter((s) => s.personId === p.id),
      })),
    };
  }

  /** The resident (or the account managing them) confirms a service recorded for them. */
  async confirm(auth: AuthContext, id: string): Promise<ServiceRecordView> {
    const row = await this.dataSource.getRepository(ServiceRecord).findOneBy({ id });
    const mine = row && (await this.dataSource.getRepository(Person).existsBy({ id: row.personId, accountId: auth.accountId }));
    if (!row || !mine) throw notFound('没有找到这条服务记录');
    if (!row.current) throw refusal('SERVICE.NOT_CURRENT', '这条记录已被医生更正，请确认更正后的记录');
    const confirmedAt = new Date();
    const result = await writeOnce(this.dataSource, (manager) =>
      manager
        .createQueryBuilder()
        .update(ServiceRecord)
        .set({ confirmedAt, confirmedVia: 'tap' })
        .where('id = :id AND current = :yes AND confirmedAt IS NULL', { id, yes: 1 })
        .execute(),
    );
    if (result.affected !== 1) {
      const now = await this.dataSource.getRepository(ServiceRecord).findOneByOrFail({ id });
      throw now.current
        ? refusal('SERVICE.ALREADY_CONFIRMED', '您已经确认过这次服务')
        : refusal('SERVICE.NOT_CURRENT', '这条记录已被医生更正，请确认更正后的记录');
    }
    return (await this.views([{ ...row, confirmedAt, confirmedVia: 'tap' }]))[0];
  }

  async views(rows: ServiceRecord[]): Promise<ServiceRecordView[]> {
    const staffIds = [...new Set(rows.map((r) => r.recordedByStaffId))];
    const staff = staffIds.length
      ? await this.dataSource.getRepository(StaffAccount).find({ select: { id: true, name: true }, where: { id: In(staffIds) } })
      : [];
    return rows.map((r) => {
      const measurements = r.measurementsCipher ? this.cipher.decryptJson<Measurements>(r.measurementsCipher) : null;
      return {
        id: r.id,
        personId: r.personId,
        contractId: r.contractId,
        teamId: r.teamId,
        type: r.type,
        typeLabel: SERVICE_TYPE_LABELS[r.type],
        serviceDate: r.serviceDate,
        channel: r.channel,
        channelLabel: SERVICE_CHANNEL_LABELS[r.channel],
        planItemId: r.planItemId,
        measurements,
        measurementsText: measurements ? describeMeasurements(measurements) : '',
        onTarget: r.onTarget,
        note: r.noteCipher ? this.cipher.decrypt(r.noteCipher) : null,
        version: r.version,
        current: r.current,
        correctsId: r.correctsId,
        correctionReason: r.correctionReason,
        recordedBy: { id: r.recordedByStaffId, name: staff.find((s) => s.id === r.recordedByStaffId)?.name ?? '' },
        confirmedAt: r.confirmedAt ? r.confirmedAt.toISOString() : null,
        confirmedVia: r.confirmedVia,
        createdAt: r.createdAt.toISOString(),
      };
    });
  }

  /** The contract a new record delivers: the one named, or for a free record the person's latest contract in scope. */
  private async targetContract(auth: AuthContext, dto: RecordServiceDto): Promise<Contract> {
    if (dto.contractId && dto.personId) throw badRequest('personId', '请只填写签约或居民中的一项');
    if (dto.contractId) {
      const contract = await contractInScope(this.dataSource, auth, dto.contractId);
      if (contract.status !== 'active') throw refusal('SERVICE.CONTRACT_NOT_ACTIVE', '这份签约不在有效期内，请按居民记录服务', 'contractId');
      return contract;
    }
    if (dto.personId) return this.latestContract(auth, dto.personId);
    throw badRequest('contractId', '请选择签约居民');
  }

  private async latestContract(auth: AuthContext, personId: string): Promise<Contract> {
    const contracts = await contractsOfPersonInScope(this.dataSource, auth, personId);
    return contracts.find((c) => c.status === 'active') ?? contracts[0];
  }

  /** Date not in the future nor before the contract, readings plausible, the plan item the contract's own. */
  private async check(contract: Contract, dto: RecordServiceDto | CorrectServiceDto): Promise<CheckedService> {
    const today = todayInChina(new Date());
    if (dto.date > today) throw refusal('SERVICE.DATE_IN_FUTURE', '服务日期不能晚于今天', 'date');
    if (contract.status === 'active' && dto.date < contract.startDate) {
      throw refusal('SERVICE.DATE_OUTSIDE_CONTRACT', `服务日期不能早于签约开始日期（${contract.startDate}）`, 'date');
    }
    const measurements = dto.measurements ? checkMeasurements(dto.measurements) : null;
    if (measurements && !measurements.ok) throw refusalError(measurements);
    if (dto.planItemId) {
      const [plan] = await this.plans.plans([contract]);
      if (!plan?.items.some((i) => i.id === dto.planItemId)) throw refusal('SERVICE.UNKNOWN_PLAN_ITEM', '所选的计划项不属于这份签约', 'planItemId');
    }
    const readings = measurements && Object.keys(measurements.value).length > 0 ? measurements.value : null;
    return {
      type: dto.type,
      serviceDate: dto.date,
      channel: dto.channel,
      planItemId: dto.planItemId ?? null,
      measurements: readings,
      note: dto.note?.trim() ? dto.note.trim() : null,
    };
  }

  private stored(checked: CheckedService) {
    const m = checked.measurements;
    return {
      type: checked.type,
      serviceDate: checked.serviceDate,
      channel: checked.channel,
      planItemId: checked.planItemId,
      measurementsCipher: m ? this.cipher.encryptJson(m) : null,
      onTarget: m ? readingsOnTarget(m) : null,
      bloodPressureOnTarget: m ? bloodPressureOnTarget(m) : null,
      glucoseOnTarget: m ? glucoseOnTarget(m) : null,
      noteCipher: checked.note ? this.cipher.encrypt(checked.note) : null,
    };
  }

  private async inScope(auth: AuthContext, id: string): Promise<ServiceRecord> {
    const row = await this.dataSource.getRepository(ServiceRecord).findOneBy({ id, ...staffScope(auth) });
    if (!row) throw notFound('没有找到这条服务记录');
    return row;
  }

  /** The resident hears of an unconfirmed service, once per version (no readings in the text). */
  private async tellResident(manager: EntityManager, row: ServiceRecord): Promise<void> {
    if (row.confirmedAt) return;
    await this.notices.raise(manager, {
      personId: row.personId,
      kind: 'serviceRecorded',
      body: `家庭医生团队于${row.serviceDate}为您提供了${SERVICE_TYPE_LABELS[row.type]}服务，请在“我的服务”中查看并确认。`,
      refType: 'service',
      refId: row.id,
      page: '/pages/services/index',
    });
  }
}
