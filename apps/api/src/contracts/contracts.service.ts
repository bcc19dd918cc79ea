import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { checkRenewal, contractPeriod, contractRefusal, Quote, Refusal, RegionPolicy, todayInChina } from '@jiayi/domain';
import { checkGuardianConsent, checkInsuranceAuthorization, checkTerminationBy, familyDoctorsWithPlaces, signingRefusal } from '@jiayi/domain';
import { Agreement } from '../agreements/agreement.entity';
import { AgreementsService } from '../agreements/agreements.service';
import type { AuthContext } from '../auth/auth-context';
import { ApiError, badRequest, notFound, refusalError } from '../common/api-error';
import { CatalogService } from '../packages/catalog.service';
import { Person } from '../people/person.entity';
import { requireSensitiveConsent } from '../people/privacy-rights.service';
import { Doctor } from '../reference/doctor.entity';
import { Institution } from '../reference/institution.entity';
import { Region } from '../reference/region.entity';
import { Team, TeamCommunity } from '../reference/team.entity';
import { Contract, feeTotalColumns } from './contract.entity';
import { inTransaction, isUniqueViolation } from '../database/transaction';
import { refreshPlanItems } from '../indicators/plan-items';
import { changeSlot, lockContract, mainSlot, promotePendingChange, renewalSlot, takePlaces, takeTeamPlaces, terminateWithRenewal } from './contract-ledger';
import { ContractView, ContractViews } from './contract-views';
import { ChangeTeamDto, CreateContractsDto, RenewContractDto, TerminateContractDto } from './dto/contract.dto';
import { refreshPlacements } from '../people/placements';

/** A team with where it belongs and the policy its region sets. */
export interface TeamContext {
  team: Team;
  institution: Institution;
  region: Region;
  policy: RegionPolicy;
}

/** What a household signing asks for, whichever channel it comes through. */
export interface SigningRequest {
  teamId: string;
  doctorId?: string;
  packageCodes: string[];
  selections?: { personId: string; packageCodes: string[] }[];
  years: number;
  agreementVersion: string;
  insuranceAuthorized: boolean;
}

/**
 * 医生代签: a team member signs on site; the contract is active at once, with the resident's
 * captured signature and the key groups the member confirmed.
 */
export interface OnSiteSigner {
  staffId: string;
  signatureCipher: string;
  confirmedTagsCipher: (person: Person) => string;
  /** Writes the household's persons in the signing transaction (they are registered on site). */
  beforeInsert: (manager: EntityManager) => Promise<void>;
}

/** One person's contract, checked and priced, before it is written. */
interface Draft {
  person: Person;
  packageCodes: string[];
  fees: Quote;
}

/**
 * Resident side of contracts: household signing, renewal, termination, change of team.
 * Every check that does not need a lock runs before the transaction; inside it, the database
 * arbitrates the two things that race — the person's open slot and the doctor's places.
 */
@Injectable()
export class ContractsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly agreements: AgreementsService,
    private readonly views: ContractViews,
  ) {}

  async sign(auth: AuthContext, dto: CreateContractsDto): Promise<ContractView[]> {
    const persons = await this.ownedPersons(auth, dto.personIds);
    await requireSensitiveConsent(this.dataSource.manager, auth.accountId);
    return this.views.residentViews(await this.signHousehold(persons, dto));
  }

  /**
   * The one signing path, online and on site: every person passes the same rules, the household
   * gets one doctor, and in one transaction the team's and the doctor's places are taken by
   * conditional updates and the contracts inserted in one statement, which the unique open slot
   * refuses if any member already has an open contract.
   */
  async signHousehold(persons: Person[], dto: SigningRequest, onSite?: OnSiteSigner): Promise<Contract[]> {
    const overrides = new Map((dto.selections ?? []).map((s) => [s.personId, s.packageCodes]));
    for (const personId of overrides.keys()) {
      if (!persons.some((p) => p.id === personId)) throw badRequest('selections', '分人选择的服务包只能给本次签约的人');
    }
    const agreement = await this.currentAgreement(dto.agreementVersion);
    const context = await this.teamContext(dto.teamId);
    const startDate = todayInChina(new Date());
    const drafts: Draft[] = [];
    for (const person of persons) {
      const packageCodes = overrides.get(person.id) ?? dto.packageCodes;
      const fees = await this.checkEligibility(person, context, packageCodes, dto.years, startDate, dto.insuranceAuthorized, persons.length > 1);
      drafts.push({ person, packageCodes, fees });
    }
    const open = await this.dataSource.getRepository(Contract).findBy({ openSlot: In(persons.map((p) => mainSlot(p.id))) });
    if (open.length > 0)
      throw this.alreadySigned(
        persons.find((p) => p.id === open[0].personId)!,
        persons.length > 1,
      );
    const candidates = await this.doctorCandidates(context, dto.doctorId, persons.length);

    const now = new Date();
    const householdSigningId = randomUUID();
    const period = contractPeriod(startDate, dto.years);
    const rows: Contract[] = drafts.map(({ person, packageCodes, fees }) =>
      this.newContract({
        person,
        context,
        agreement,
        packageCodes,
        fees,
        period,
        years: dto.years,
        householdSigningId,
        now,
        insuranceAuthorized: dto.insuranceAuthorized,
        openSlot: mainSlot(person.id),
        renewalOf: null,
      }),
    );
    if (onSite) {
      for (const row of rows) {
        Object.assign(row, {
          status: 'active',
          signedBy: 'doctor',
          channel: 'onsite',
          doctorConfirmedAt: now,
          confirmedByStaffId: onSite.staffId,
          confirmedTagsCipher: onSite.confirmedTagsCipher(persons.find((p) => p.id === row.personId)!),
          signatureCipher: onSite.signatureCipher,
        } satisfies Partial<Contract>);
      }
    }
    try {
      await inTransaction(this.dataSource, async (manager) => {
        const doctorId = await this.takeFirstWithPlaces(manager, context, candidates, rows.length, !!dto.doctorId);
        for (const row of rows) row.doctorId = doctorId;
        await onSite?.beforeInsert(manager);
        // One multi-row INSERT: the unique open slot refuses the household if any member is already signed.
        await manager.insert(Contract, rows);
        // Signed on site: active at once, so the persons are placed and the plan items written with it.
        if (onSite) {
          await refreshPlacements(
            manager,
            rows.map((r) => r.personId),
          );
          await refreshPlanItems(
            manager,
            rows.map((r) => r.id),
          );
        }
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw this.alreadySigned(null, persons.length > 1);
      throw error;
    }
    return rows;
  }

  async list(auth: AuthContext): Promise<ContractView[]> {
    const persons = await this.dataSource.getRepository(Person).find({ select: { id: true }, where: { accountId: auth.accountId } });
    if (persons.length === 0) return [];
    const contracts = await this.dataSource.getRepository(Contract).find({
      where: { personId: In(persons.map((p) => p.id)) },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    return this.views.residentViews(contracts);
  }

  async get(auth: AuthContext, id: string): Promise<ContractView> {
    return this.views.residentView(await this.owned(auth, id));
  }

  async renew(auth: AuthContext, id: string, dto: RenewContractDto): Promise<ContractView> {
    const previous = await this.owned(auth, id);
    await requireSensitiveConsent(this.dataSource.manager, auth.accountId);
    const context = await this.teamContext(previous.teamId);
    const today = todayInChina(new Date());
    const window = checkRenewal(previous, today, context.policy.renewalWindowDays);
    if (!window.ok) throw refusalError(window);
    const existing = await this.dataSource.getRepository(Contract).findOneBy({ openSlot: renewalSlot(previous.personId) });
    if (existing) throw refusalError(contractRefusal('CONTRACT.ALREADY_RENEWED'));

    const person = await this.dataSource.getRepository(Person).findOneByOrFail({ id: previous.personId });
    const { startDate } = window.value;
    const years = dto.years ?? previous.years;
    const packageCodes = dto.packageCodes ?? previous.packageCodes;
    const insuranceAuthorized = dto.insuranceAuthorized ?? previous.insuranceAuthorized;
    const fees = await this.checkEligibility(person, context, packageCodes, years, startDate, insuranceAuthorized, false);
    const agreement = await this.agreements.current();
    const doctors = await this.dataSource.getRepository(Doctor).findBy({ teamId: context.team.id });
    const sameDoctor = doctors.some((d) => d.id === previous.doctorId && d.isFamilyDoctor);
    const candidates = sameDoctor ? [] : await this.doctorCandidates(context, undefined, 1);

    const row = this.newContract({
      person,
      context,
      agreement,
      packageCodes,
      fees,
      period: contractPeriod(startDate, years),
      years,
      now: new Date(),
      householdSigningId: randomUUID(),
      insuranceAuthorized,
      openSlot: renewalSlot(person.id),
      renewalOf: previous.id,
    });
    try {
      await inTransaction(this.dataSource, async (manager) => {
        const locked = await lockContract(manager, { id: previous.id });
        const still = locked && checkRenewal(locked, today, context.policy.renewalWindowDays);
        if (!still || !still.ok) throw refusalError(still || contractRefusal('CONTRACT.NOT_ACTIVE'));
        // The same doctor goes on with the place the contract already holds (handed over at expiry).
        row.doctorId = sameDoctor ? previous.doctorId : await this.takeFirstWithPlaces(manager, context, candidates, 1, false);
        row.holdsPlace = !sameDoctor;
        await manager.insert(Contract, row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw refusalError(contractRefusal('CONTRACT.ALREADY_RENEWED'));
      throw error;
    }
    return this.views.residentView(row);
  }

  async terminate(auth: AuthContext, id: string, dto: TerminateContractDto): Promise<ContractView> {
    const contract = await this.owned(auth, id);
    return this.views.residentView(await this.terminateAs('resident', contract.id, dto.reason));
  }

  /** Ends a pending or active contract for a reason the party may give; its renewal ends with it. */
  async terminateAs(party: 'resident' | 'staff', contractId: string, reason: string): Promise<Contract> {
    return inTransaction(this.dataSource, async (manager) => {
      const contract = await lockContract(manager, { id: contractId });
      if (!contract) throw notFound('没有找到这份签约');
      const checked = checkTerminationBy(party, contract.status, reason);
      if (!checked.ok) throw refusalError(checked);
      await terminateWithRenewal(manager, contract, checked.value, new Date());
      if (contract.openSlot === mainSlot(contract.personId)) await promotePendingChange(manager, contract.personId);
      return manager.findOneByOrFail(Contract, { id: contract.id });
    });
  }

  /**
   * 改签: a new pending contract with the new team, in its own open slot, while the old one stays
   * active. The new team's confirmation ends the old one as `changedTeam` (staff-contracts.service);
   * a rejection leaves it running. One change may wait at a time (the unique slot).
   */
  async changeTeam(auth: AuthContext, id: string, dto: ChangeTeamDto): Promise<ContractView> {
    const previous = await this.owned(auth, id);
    await requireSensitiveConsent(this.dataSource.manager, auth.accountId);
    if (previous.status !== 'active') throw refusalError(contractRefusal('CONTRACT.NOT_ACTIVE'));
    if (dto.teamId === previous.teamId) throw refusalError(signingRefusal('CONTRACT.SAME_TEAM', 'teamId'));
    const context = await this.teamContext(dto.teamId);
    const person = await this.dataSource.getRepository(Person).findOneByOrFail({ id: previous.personId });
    const startDate = todayInChina(new Date());
    const fees = await this.checkEligibility(person, context, previous.packageCodes, previous.years, startDate, previous.insuranceAuthorized, false);
    const agreement = await this.agreements.current();
    const candidates = await this.doctorCandidates(context, dto.doctorId, 1);
    const row = this.newContract({
      person,
      context,
      agreement,
      packageCodes: previous.packageCodes,
      fees,
      period: contractPeriod(startDate, previous.years),
      years: previous.years,
      householdSigningId: randomUUID(),
      now: new Date(),
      insuranceAuthorized: previous.insuranceAuthorized,
      openSlot: changeSlot(person.id),
      renewalOf: null,
    });
    try {
      await inTransaction(this.dataSource, async (manager) => {
        const locked = await lockContract(manager, { id: previous.id });
        if (!locked || locked.status !== 'active') throw refusalError(contractRefusal('CONTRACT.NOT_ACTIVE'));
        // A renewal waiting for its predecessor to end is not the contract to change: the current one is.
        if (locked.openSlot !== mainSlot(locked.personId))
          throw refusalError({ ...contractRefusal('CONTRACT.INVALID_TRANSITION'), message: '请对当前生效的签约办理改签，续约会一并取消' });
        row.doctorId = await this.takeFirstWithPlaces(manager, context, candidates, 1, !!dto.doctorId);
        await manager.insert(Contract, row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw refusalError(signingRefusal('CONTRACT.CHANGE_PENDING'));
      throw error;
    }
    return this.views.residentView(row);
  }

  /** The team, its institution and region policy; 404 for an unknown team. */
  async teamContext(teamId: string, manager: EntityManager = this.dataSource.manager): Promise<TeamContext> {
    const team = await manager.findOneBy(Team, { id: teamId });
    if (!team) throw new ApiError(404, '没有找到这个家庭医生团队', [{ field: 'teamId', message: '没有找到这个家庭医生团队' }]);
    const institution = await manager.findOneByOrFail(Institution, { id: team.institutionId });
    const region = await manager.findOneByOrFail(Region, { id: institution.regionId });
    return { team, institution, region, policy: region.policy };
  }

  /**
   * The rules one person must pass to sign with the team from `startDate`: the team serves their
   * community, a guardian consented for a child, the packages are theirs to choose, insurance is
   * authorised when it pays. Returns the split, priced as the quote endpoint prices it.
   */
  async checkEligibility(
    person: Person,
    context: TeamContext,
    packageCodes: string[],
    years: number,
    startDate: string,
    insuranceAuthorized: boolean,
    named: boolean,
  ): Promise<Quote> {
    const fail = (refusal: Refusal) => refusalError(named ? { ...refusal, message: `${person.name}：${refusal.message}` } : refusal);
    if (!person.communityId) throw fail({ ok: false, code: 'PROFILE.COMMUNITY_REQUIRED', message: '请先在个人信息中选择所在的村/社区' });
    const serves = await this.dataSource.getRepository(TeamCommunity).existsBy({ teamId: context.team.id, communityId: person.communityId });
    if (!serves) throw fail(contractRefusal('CONTRACT.TEAM_NOT_SERVING', 'teamId'));
    const consent = checkGuardianConsent(person.birthDate, startDate, person.guardianConsentAt);
    if (!consent.ok) throw fail(consent);
    const { result } = await this.catalog.quoteFor(person, packageCodes, years, { on: startDate });
    if (!result.ok) throw fail(result);
    const authorised = checkInsuranceAuthorization(result.value.totals, insuranceAuthorized);
    if (!authorised.ok) throw fail(authorised);
    return result.value;
  }

  /** The doctors to try, in order: the one asked for, or the team's family doctors with places. */
  async doctorCandidates(context: TeamContext, doctorId: string | undefined, needed: number): Promise<string[]> {
    const doctors = await this.dataSource.getRepository(Doctor).findBy({ teamId: context.team.id });
    if (doctorId) {
      const doctor = doctors.find((d) => d.id === doctorId && d.isFamilyDoctor);
      if (!doctor) throw refusalError(signingRefusal('CONTRACT.DOCTOR_NOT_IN_TEAM', 'doctorId'));
      return [doctor.id];
    }
    const withPlaces = familyDoctorsWithPlaces(doctors, context.policy.doctorCapacity, needed);
    if (withPlaces.length === 0) throw refusalError(contractRefusal('CONTRACT.TEAM_CAPACITY_FULL', 'teamId'));
    return withPlaces.map((d) => d.id);
  }

  /**
   * Takes the places in the team (within the region's team cap) and from the first candidate doctor
   * that still has them; the database decides under races.
   */
  async takeFirstWithPlaces(manager: EntityManager, context: TeamContext, candidates: string[], count: number, named: boolean): Promise<string> {
    if (!(await takeTeamPlaces(manager, context.team.id, count, context.policy.teamCapacity ?? null))) {
      throw refusalError(contractRefusal('CONTRACT.TEAM_CAPACITY_FULL', 'teamId'));
    }
    for (const doctorId of candidates) {
      if (await takePlaces(manager, doctorId, count, context.policy.doctorCapacity)) return doctorId;
    }
    throw refusalError(named ? contractRefusal('CONTRACT.CAPACITY_FULL', 'doctorId') : contractRefusal('CONTRACT.TEAM_CAPACITY_FULL', 'teamId'));
  }

  private newContract(input: {
    person: Person;
    context: TeamContext;
    agreement: Agreement;
    packageCodes: string[];
    fees: Quote;
    period: { startDate: string; endDate: string };
    years: number;
    householdSigningId: string;
    now: Date;
    insuranceAuthorized: boolean;
    openSlot: string;
    renewalOf: string | null;
  }): Contract {
    const { person, context, agreement, now } = input;
    return {
      id: randomUUID(),
      personId: person.id,
      teamId: context.team.id,
      doctorId: '',
      institutionId: context.institution.id,
      regionId: context.region.id,
      status: 'pending',
      startDate: input.period.startDate,
      endDate: input.period.endDate,
      years: input.years,
      packageCodes: input.packageCodes,
      fees: input.fees,
      ...feeTotalColumns(input.fees),
      signedBy: person.relation === 'self' ? 'self' : 'family',
      agreementVersion: agreement.version,
      agreementHash: agreement.hash,
      renewalOf: input.renewalOf,
      householdSigningId: input.householdSigningId,
      channel: 'miniProgram',
      insuranceAuthorized: input.insuranceAuthorized,
      insuranceAuthorizedAt: input.insuranceAuthorized ? now : null,
      guardianConsentAt: person.guardianConsentAt,
      residentConfirmedAt: now,
      doctorConfirmedAt: null,
      confirmedByStaffId: null,
      confirmedTagsCipher: null,
      rejectionReason: null,
      terminationReason: null,
      terminatedAt: null,
      createdAt: now,
      openSlot: input.openSlot,
      holdsPlace: true,
      signatureCipher: null,
    };
  }

  private async ownedPersons(auth: AuthContext, personIds: string[]): Promise<Person[]> {
    const persons = await this.dataSource.getRepository(Person).findBy({ id: In(personIds), accountId: auth.accountId });
    if (persons.length !== personIds.length) throw new ApiError(404, '没有找到这位家庭成员', [{ field: 'personIds', message: '没有找到这位家庭成员' }]);
    return personIds.map((id) => persons.find((p) => p.id === id)!);
  }

  /** A contract of a person the caller manages, or 404 (another account's contract is never revealed). */
  private async owned(auth: AuthContext, id: string): Promise<Contract> {
    const contract = await this.dataSource.getRepository(Contract).findOneBy({ id });
    const person = contract ? await this.dataSource.getRepository(Person).findOneBy({ id: contract.personId, accountId: auth.accountId }) : null;
    if (!contract || !person) throw notFound('没有找到这份签约');
    return contract;
  }

  private async currentAgreement(version: string): Promise<Agreement> {
    const agreement = await this.agreements.current();
    if (agreement.version !== version) throw refusalError(contractRefusal('CONTRACT.AGREEMENT_OUTDATED', 'agreementVersion'));
    return agreement;
  }

  private alreadySigned(person: Person | null, named: boolean): ApiError {
    const refusal = contractRefusal('CONTRACT.ALREADY_SIGNED', 'personIds');
    return refusalError(person && named ? { ...refusal, message: `${person.name}：${refusal.message}` } : refusal);
  }
}
