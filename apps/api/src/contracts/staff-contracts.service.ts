import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { contractRefusal, KeyGroupTag, maskIdNumber, NON_SIGNING_CATEGORY_LABELS, parseIdNumber, todayInChina } from '@jiayi/domain';
import { refuse, sameTotals, signingRefusal } from '@jiayi/domain';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { scopeWhere, staffScope } from '../auth/staff-scope';
import { teamInScope } from '../services/staff-scope';
import type { SigningRefusal as SigningRefusalView, StaffContractPage, StaffResident, StaffTeam } from '@jiayi/contract';
import { notFound, refusalError } from '../common/api-error';
import { PiiCipher } from '../common/pii-cipher';
import { NoticesService } from '../notices/notices.service';
import { CatalogService } from '../packages/catalog.service';
import { ContractFacts } from '../indicators/contract-facts';
import { Person } from '../people/person.entity';
import { requireSensitiveConsent } from '../people/privacy-rights.service';
import { Institution } from '../reference/institution.entity';
import { ReferenceService } from '../reference/reference.service';
import { Team } from '../reference/team.entity';
import { Contract } from './contract.entity';
import { refreshPersonPlanItems } from '../indicators/plan-items';
import { inTransaction, writeOnce } from '../database/transaction';
import { changeSlot, closeContract, handOverToChange, lockContract, releasePlace } from './contract-ledger';
import { maskPhone, StaffContractView, ContractViews } from './contract-views';
import { ContractsService } from './contracts.service';
import { ConfirmContractDto, RejectContractDto, ResidentsQueryDto, SigningRefusalDto, StaffContractsQueryDto } from './dto/staff-contract.dto';
import { TerminateContractDto } from './dto/contract.dto';
import { SigningRefusal } from './signing-refusal.entity';
import { refreshPlacements } from '../people/placements';

type Scope = ReturnType<typeof scopeWhere>;

/** How many rows a list filtered by package or phone reads at a time. */
const SCAN_BATCH = 2_000;

/**
 * The confirmation workspace: staff see and decide the contracts of their scope — a doctor their
 * team's, a clinic admin their institution's, a region admin the region's. Anything outside the
 * scope is answered 404, as if it did not exist. Every read of a resident's record is audited.
 */
@Injectable()
export class StaffContractsService {
  /** The most rows a list filtered by package or phone decrypts (a field so that a test can lower it). */
  scanLimit = 20_000;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contracts: ContractsService,
    private readonly catalog: CatalogService,
    private readonly reference: ReferenceService,
    private readonly views: ContractViews,
    private readonly audit: AuditService,
    private readonly cipher: PiiCipher,
    private readonly notices: NoticesService,
    private readonly facts: ContractFacts,
  ) {}

  scope(auth: AuthContext): Scope {
    const scope = staffScope(auth);
    if (!scope) throw notFound();
    return scopeWhere(scope);
  }

  /**
   * A page of the contracts in scope, filtered in the database: status, the resident's community,
   * and `q` (part of the name, the full ID number or its last 4–6 characters) are conditions of the
   * query. The package and a full mobile number are encrypted (random IV), so those two filters
   * read the matching rows' ciphers in batches and keep the ones that decrypt to a match — at most
   * `scanLimit` rows, beyond which the caller is asked to narrow the list first (400).
   */
  async list(auth: AuthContext, query: StaffContractsQueryDto): Promise<StaffContractPage> {
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    const q = query.q?.trim() ?? '';
    const phone = /^1\d{10}$/.test(q) ? q : null;
    const filtered = this.listQuery(auth, query, phone ? '' : q);
    let contracts: Contract[];
    let total: number;
    if (!query.packageCode && !phone) {
      // One person per contract: the join does not repeat rows, so a plain OFFSET/LIMIT pages.
      [contracts, total] = await filtered.offset(offset).limit(limit).getManyAndCount();
    } else {
      const ids = await this.scanEncrypted(filtered, query.packageCode ?? null, phone);
      total = ids.length;
      const page = ids.slice(offset, offset + limit);
      const rows = page.length ? await this.dataSource.getRepository(Contract).findBy({ id: In(page) }) : [];
      contracts = page.map((id) => rows.find((c) => c.id === id)!);
    }
    // The phone too: the doctor calls the resident before confirming (the read is audited below).
    const views = await this.views.staffViews(contracts, { withPhone: true });
    const { byContract, personIds } = await this.households(contracts);
    await this.audit.record(auth, 'contract.list', [...new Set([...contracts.map((c) => c.personId), ...personIds])], 'contract');
    return { items: views.map((view) => ({ ...view, ...byContract.get(view.id)! })), total, limit, offset };
  }

  /** The list's conditions that the database can check, in the list's order (pending: oldest first). */
  private listQuery(auth: AuthContext, query: StaffContractsQueryDto, nameOrId: string) {
    const [column, value] = Object.entries(this.scope(auth))[0];
    const qb = this.dataSource
      .getRepository(Contract)
      .createQueryBuilder('c')
      .where(`c.${column} = :scopeValue`, { scopeValue: value })
      .orderBy('c.createdAt', query.status === 'pending' ? 'ASC' : 'DESC')
      .addOrderBy('c.id', 'ASC');
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.communityId || nameOrId) qb.innerJoin(Person, 'p', 'p.id = c.personId');
    if (query.communityId) qb.andWhere('p.communityId = :communityId', { communityId: query.communityId });
    if (nameOrId) {
      const { sql, params } = this.nameOrIdCondition('p', nameOrId);
      qb.andWhere(sql, params);
    }
    return qb;
  }

  /**
   * Part of the name, the full ID number (by its lookup hash) or, for 4–6 digits, the end of the
   * ID number as the masked number shows it.
   */
  private nameOrIdCondition(alias: string, q: string) {
    const escaped = q.replace(/[!%_]/g, (ch) => `!${ch}`);
    const suffix = /^[0-9Xx]{4,6}$/.test(q) ? `%${q.toUpperCase()}` : null;
    return {
      sql: `(${alias}.name LIKE :name ESCAPE '!' OR ${alias}.idNumberHash = :hash${suffix ? ` OR ${alias}.idNumberMasked LIKE :suffix` : ''})`,
      params: { name: `%${escaped}%`, hash: this.cipher.lookupHash(q.toUpperCase()), ...(suffix ? { suffix } : {}) },
    };
  }

  /** The ids, in list order, of the filtered contracts whose packages include `packageCode` and whose resident's phone is `phone`. */
  private async scanEncrypted(filtered: ReturnType<StaffContractsService['listQuery']>, packageCode: string | null, phone: string | null): Promise<string[]> {
    const candidates = await filtered.clone().getCount();
    if (candidates > this.scanLimit) {
      throw refusalError(
        refuse(
          'CONTRACT.LIST_TOO_BROAD',
          `符合条件的签约有${candidates}份，按服务包或手机号查找一次最多查${this.scanLimit}份：请先选择状态或村/社区`,
          packageCode ? 'packageCode' : 'q',
        ),
      );
    }
    const scan = filtered.clone().select('c.id', 'id').addSelect('c.packageCodes', 'packageCodes');
    if (phone) scan.innerJoin(Person, 'pp', 'pp.id = c.personId').addSelect('pp.phoneCipher', 'phoneCipher');
    const ids: string[] = [];
    for (let from = 0; from < candidates; from += SCAN_BATCH) {
      const rows: { id: string; packageCodes: string; phoneCipher?: string | null }[] = await scan.clone().offset(from).limit(SCAN_BATCH).getRawMany();
      for (const row of rows) {
        if (packageCode && !this.cipher.decryptJson<string[]>(row.packageCodes).includes(packageCode)) continue;
        if (phone && (!row.phoneCipher || this.cipher.decrypt(row.phoneCipher) !== phone)) continue;
        ids.push(row.id);
      }
    }
    return ids;
  }

  /**
   * Who else signed in the same household signing (with their contract's status now) and who
   * submitted it: the account holder, who signs for the family members.
   */
  private async households(contracts: Contract[]) {
    const byContract = new Map<string, { household: { name: string; status: Contract['status'] }[]; submittedBy: string | null }>();
    if (contracts.length === 0) return { byContract, personIds: [] as string[] };
    const siblings = await this.dataSource.getRepository(Contract).find({
      select: { id: true, personId: true, householdSigningId: true, status: true },
      where: { householdSigningId: In([...new Set(contracts.map((c) => c.householdSigningId))]) },
    });
    const persons = await this.dataSource.getRepository(Person).find({
      select: { id: true, name: true, accountId: true, relation: true },
      where: { id: In([...new Set(siblings.map((c) => c.personId))]) },
    });
    const holders = await this.dataSource.getRepository(Person).find({
      select: { id: true, name: true, accountId: true },
      where: { accountId: In([...new Set(persons.map((p) => p.accountId))]), relation: 'self' },
    });
    const person = (id: string) => persons.find((p) => p.id === id);
    for (const contract of contracts) {
      const household = siblings
        .filter((c) => c.householdSigningId === contract.householdSigningId && c.id !== contract.id)
        .map((c) => ({ name: person(c.personId)?.name ?? '', status: c.status }));
      const accountId = person(contract.personId)?.accountId;
      byContract.set(contract.id, { household, submittedBy: holders.find((h) => h.accountId === accountId)?.name ?? null });
    }
    return { byContract, personIds: siblings.map((c) => c.personId) };
  }

  async get(auth: AuthContext, id: string): Promise<StaffContractView> {
    const contract = await this.inScope(auth, id);
    const [view] = await this.views.staffViews([contract], { withPhone: true });
    await this.audit.record(auth, 'contract.read', [contract.personId], 'contract', contract.id);
    return view;
  }

  /**
   * The doctor confirms the key-group tags and the contract becomes active. The stored packages
   * are re-checked with the confirmed tags on the start date; if they are no longer allowed, or
   * the split would change, the contract stays pending (409).
   */
  async confirm(auth: AuthContext, id: string, dto: ConfirmContractDto): Promise<StaffContractView> {
    const contract = await this.inScope(auth, id);
    if (contract.status !== 'pending') throw refusalError(contractRefusal('CONTRACT.NOT_PENDING'));
    const person = await this.dataSource.getRepository(Person).findOneByOrFail({ id: contract.personId });
    // A person registered on site has no account: the doctor took the consent on paper there.
    if (person.accountId)
      await requireSensitiveConsent(
        this.dataSource.manager,
        person.accountId,
        '居民已撤回处理敏感个人信息（健康信息）的单独同意，暂时不能确认签约；可以驳回，或等居民重新同意后再确认',
      );
    const confirmedTags = [...new Set(dto.confirmedTags)].sort() as KeyGroupTag[];
    const { result } = await this.catalog.quoteFor(person, contract.packageCodes, contract.years, { on: contract.startDate, declaredTags: confirmedTags });
    if (!result.ok) throw refusalError({ ...result, message: `按确认的重点人群，${result.message}`, field: 'confirmedTags' });
    if (!sameTotals(result.value.totals, contract.fees.totals)) throw refusalError(signingRefusal('CONTRACT.FEES_CHANGED', 'confirmedTags'));
    await inTransaction(this.dataSource, async (manager) => {
      // 改签: the old contract ends only now, in this transaction; until here the resident kept it.
      if (contract.openSlot === changeSlot(contract.personId) && !(await handOverToChange(manager, contract, new Date()))) {
        throw refusalError(contractRefusal('CONTRACT.NOT_PENDING'));
      }
      const doctorConfirmedAt = new Date();
      const result = await manager
        .createQueryBuilder()
        .update(Contract)
        .set({ status: 'active', doctorConfirmedAt, confirmedByStaffId: auth.accountId, confirmedTagsCipher: this.cipher.encryptJson(confirmedTags) })
        .where('id = :id AND status = :pending', { id: contract.id, pending: 'pending' })
        .execute();
      if (result.affected !== 1) throw refusalError(contractRefusal('CONTRACT.NOT_PENDING'));
      await this.facts.record(manager, { ...contract, doctorConfirmedAt }, confirmedTags, person.birthDate);
      await refreshPlacements(manager, [contract.personId]);
      // The plan items of the person's contracts: this one now planned, a team change's old one ended.
      await refreshPersonPlanItems(manager, [contract.personId], this.cipher);
      await this.audit.record(auth, 'contract.confirm', [contract.personId], 'contract', contract.id, manager);
      await this.notices.raise(manager, {
        personId: contract.personId,
        kind: 'contractConfirmed',
        body: '家庭医生已确认您的签约，签约已生效',
        refType: 'contract',
        refId: contract.id,
        page: `/signing/contract/index?id=${contract.id}`,
      });
    });
    return this.get(auth, contract.id);
  }

  /** The doctor declines with a reason; the place is given back (a change of team leaves the old contract running). */
  async reject(auth: AuthContext, id: string, dto: RejectContractDto): Promise<StaffContractView> {
    const contract = await this.inScope(auth, id);
    await inTransaction(this.dataSource, async (manager) => {
      const locked = await lockContract(manager, { id: contract.id });
      if (!locked || !(await closeContract(manager, locked.id, 'pending', 'rejected', { rejectionReason: dto.reason.trim() }))) {
        throw refusalError(contractRefusal('CONTRACT.NOT_PENDING'));
      }
      await releasePlace(manager, locked);
      await this.audit.record(auth, 'contract.reject', [contract.personId], 'contract', contract.id, manager);
      await this.notices.raise(manager, {
        personId: contract.personId,
        kind: 'contractRejected',
        body: `签约未通过：${dto.reason.trim()}`,
        refType: 'contract',
        refId: contract.id,
        page: `/signing/contract/index?id=${contract.id}`,
      });
    });
    return this.get(auth, contract.id);
  }

  /** The team ends a contract (moved away, death, unreachable or refusing service for a year, other). */
  async terminate(auth: AuthContext, id: string, dto: TerminateContractDto): Promise<StaffContractView> {
    const contract = await this.inScope(auth, id);
    await this.contracts.terminateAs('staff', contract.id, dto.reason);
    await this.audit.record(auth, 'contract.terminate', [contract.personId], 'contract', contract.id);
    return this.get(auth, contract.id);
  }

  /** Teams in scope with each doctor's signed (active) and pending contracts and places left. */
  async teams(auth: AuthContext): Promise<StaffTeam[]> {
    const scope = this.scope(auth);
    const teams =
      'teamId' in scope
        ? await this.reference.teams({ teamIds: [scope.teamId] })
        : 'institutionId' in scope
          ? await this.reference.teams({ institutionIds: [scope.institutionId] })
          : await this.reference.teams({
              institutionIds: (await this.dataSource.getRepository(Institution).findBy({ regionId: scope.regionId })).map((i) => i.id),
            });
    if (teams.length === 0) return [];
    // Counted by the places held, so signed + pending + placesLeft = the doctor's capacity.
    const counts: { doctorId: string; status: string; n: string | number }[] = await this.dataSource
      .getRepository(Contract)
      .createQueryBuilder('c')
      .select('c.doctorId', 'doctorId')
      .addSelect('c.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('c.teamId IN (:...teamIds) AND c.holdsPlace = :yes', { teamIds: teams.map((t) => t.id), yes: 1 })
      .groupBy('c.doctorId')
      .addGroupBy('c.status')
      .getRawMany();
    const count = (doctorId: string, status: string) => Number(counts.find((c) => c.doctorId === doctorId && c.status === status)?.n ?? 0);
    return teams.map((team) => ({
      id: team.id,
      name: team.name,
      phone: team.phone,
      institutionId: team.institutionId,
      institutionName: team.institutionName,
      communities: team.communities,
      placesLeft: team.placesLeft,
      doctors: team.doctors.map((d) => ({
        id: d.id,
        name: d.name,
        title: d.title,
        isFamilyDoctor: d.isFamilyDoctor,
        signed: count(d.id, 'active'),
        pending: count(d.id, 'pending'),
        placesLeft: d.placesLeft,
      })),
    }));
  }

  /** 知情告知书: records that a resident was informed and declined to sign. */
  async recordRefusal(auth: AuthContext, dto: SigningRefusalDto): Promise<SigningRefusalView> {
    const today = todayInChina(new Date());
    const parsed = parseIdNumber(dto.idNumber, today);
    if (!parsed.ok) throw refusalError({ ...parsed, field: 'idNumber' });
    const team = await teamInScope(this.dataSource, auth, dto.teamId);
    const institution = await this.dataSource.getRepository(Institution).findOneByOrFail({ id: team.institutionId });
    const idNumberHash = this.cipher.lookupHash(parsed.value.idNumber);
    const person = await this.dataSource.getRepository(Person).findOneBy({ idNumberHash });
    const refusal: SigningRefusal = {
      id: randomUUID(),
      name: dto.name.trim(),
      idNumberCipher: this.cipher.encrypt(parsed.value.idNumber),
      idNumberHash,
      idNumberMasked: maskIdNumber(parsed.value.idNumber),
      phoneCipher: dto.phone ? this.cipher.encrypt(dto.phone) : null,
      personId: person?.id ?? null,
      teamId: team.id,
      institutionId: institution.id,
      regionId: institution.regionId,
      reason: dto.reason.trim(),
      category: dto.category ?? 'refused',
      noticePhotoCipher: dto.noticePhoto ? this.cipher.encrypt(dto.noticePhoto) : null,
      recordedByStaffId: auth.accountId,
      createdAt: new Date(),
      updatedAt: null,
      updatedByStaffId: null,
    };
    await writeOnce(this.dataSource, (manager) => manager.insert(SigningRefusal, refusal));
    if (refusal.personId) await this.audit.record(auth, 'refusal.record', [refusal.personId], 'signingRefusal', refusal.id);
    return this.refusalView(refusal, team);
  }

  async refusals(auth: AuthContext): Promise<SigningRefusalView[]> {
    const rows = await this.dataSource.getRepository(SigningRefusal).find({ where: this.scope(auth), order: { createdAt: 'DESC', id: 'ASC' }, take: 500 });
    const teams = rows.length ? await this.dataSource.getRepository(Team).findBy({ id: In([...new Set(rows.map((r) => r.teamId))]) }) : [];
    const linked = rows.flatMap((r) => (r.personId ? [r.personId] : []));
    await this.audit.record(auth, 'refusal.list', linked, 'signingRefusal');
    return rows.map((r) =>
      this.refusalView(
        r,
        teams.find((t) => t.id === r.teamId),
      ),
    );
  }

  /**
   * Residents with a contract in scope, found by part of the name, the full ID number, the last 4–6
   * characters of the ID number (as the masked number shows them) or the full mobile number; masked,
   * with their latest contract. Used to pick the resident a phone survey answer belongs to and to
   * open a resident's record. Phones are encrypted with a random IV, so a phone search decrypts the
   * phones of the scope's residents (a team's few thousand) rather than using an index.
   */
  async residents(auth: AuthContext, query: ResidentsQueryDto): Promise<StaffResident[]> {
    const scope = this.scope(auth);
    const [column, value] = Object.entries(scope)[0];
    const q = query.q?.trim() ?? '';
    const search = this.dataSource
      .getRepository(Person)
      .createQueryBuilder('p')
      .where(`EXISTS (SELECT 1 FROM contracts c WHERE c.personId = p.id AND c.${column} = :value)`, { value })
      .orderBy('p.name', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .take(50);
    let persons: Person[];
    if (/^1\d{10}$/.test(q)) {
      const candidates = await search.andWhere('p.phoneCipher IS NOT NULL').take(20_000).getMany();
      persons = candidates.filter((p) => this.cipher.decrypt(p.phoneCipher!) === q).slice(0, 50);
    } else {
      if (q) {
        const { sql, params } = this.nameOrIdCondition('p', q);
        search.andWhere(sql, params);
      }
      persons = await search.getMany();
    }
    if (persons.length === 0) return [];
    const contracts = await this.dataSource.getRepository(Contract).find({
      where: { personId: In(persons.map((p) => p.id)), ...scope },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    await this.audit.record(
      auth,
      'resident.search',
      persons.map((p) => p.id),
      'person',
    );
    return persons.map((person) => {
      const latest = contracts.find((c) => c.personId === person.id)!;
      return {
        ...this.views.staffPerson(person),
        phoneMasked: maskPhone(person.phoneCipher ? this.cipher.decrypt(person.phoneCipher) : null),
        contract: {
          id: latest.id,
          status: latest.status,
          teamId: latest.teamId,
          doctorId: latest.doctorId,
          startDate: latest.startDate,
          endDate: latest.endDate,
        },
      };
    });
  }

  private refusalView(r: SigningRefusal, team: Team | undefined): SigningRefusalView {
    return {
      id: r.id,
      name: r.name,
      idNumberMasked: r.idNumberMasked,
      phoneMasked: maskPhone(r.phoneCipher ? this.cipher.decrypt(r.phoneCipher) : null),
      personId: r.personId,
      teamId: r.teamId,
      teamName: team?.name ?? '',
      institutionId: r.institutionId,
      reason: r.reason,
      category: r.category,
      categoryLabel: NON_SIGNING_CATEGORY_LABELS[r.category],
      hasNoticePhoto: r.noticePhotoCipher !== null,
      recordedByStaffId: r.recordedByStaffId,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt ? r.updatedAt.toISOString() : null,
    };
  }

  private async inScope(auth: AuthContext, id: string): Promise<Contract> {
    const contract = await this.dataSource.getRepository(Contract).findOneBy({ id, ...this.scope(auth) });
    if (!contract) throw notFound('没有找到这份签约');
    return contract;
  }
}
