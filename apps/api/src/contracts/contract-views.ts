import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { addDays, effectivePolicy, KeyGroupTag } from '@jiayi/domain';
import { PiiCipher } from '../common/pii-cipher';
import { Person } from '../people/person.entity';
import { PeopleService } from '../people/people.service';
import type { Contract as ContractShape, StaffContract, StaffPerson } from '@jiayi/contract';
import { Doctor } from '../reference/doctor.entity';
import { Institution } from '../reference/institution.entity';
import { Region } from '../reference/region.entity';
import { Team } from '../reference/team.entity';
import { Contract } from './contract.entity';

/** A contract as clients see it (`@jiayi/contract`). */
export type ContractView = ContractShape;
export type StaffPersonView = StaffPerson;
export type StaffContractView = StaffContract;

/** `13800138000` → `138****8000`. */
export const maskPhone = (phone: string | null) => (phone ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : null);

/** Builds contract views with their parties, loading each kind of row once per batch. */
@Injectable()
export class ContractViews {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PeopleService,
    private readonly cipher: PiiCipher,
  ) {}

  async residentViews(contracts: Contract[]): Promise<ContractView[]> {
    const { persons, build } = await this.load(contracts);
    return contracts.map((c) => build(c, { id: c.personId, name: persons.get(c.personId)?.name ?? '' }));
  }

  async residentView(contract: Contract): Promise<ContractView> {
    return (await this.residentViews([contract]))[0];
  }

  async staffViews(contracts: Contract[], options: { withPhone?: boolean } = {}): Promise<StaffContractView[]> {
    const { persons, build } = await this.load(contracts);
    return contracts.map((c) => {
      const person = persons.get(c.personId);
      return build(
        c,
        person
          ? this.staffPerson(person, options.withPhone)
          : { id: c.personId, name: '', idNumberMasked: '', gender: 'female', age: 0, tags: [], declaredTags: [], communityId: null },
      );
    });
  }

  staffPerson(person: Person, withPhone = false): StaffPersonView & { phone?: string | null } {
    const { id, name, idNumberMasked, gender, age, tags, declaredTags, communityId } = this.people.toView(person);
    return { id, name, idNumberMasked, gender, age, tags, declaredTags, communityId, ...(withPhone ? { phone: this.people.phone(person) } : {}) };
  }

  private async load(contracts: Contract[]) {
    const ids = (pick: (c: Contract) => string) => [...new Set(contracts.map(pick))];
    const manager = this.dataSource.manager;
    const [persons, teams, doctors, institutions, regions, renewals] =
      contracts.length === 0
        ? [[], [], [], [], [], []]
        : await Promise.all([
            manager.findBy(Person, { id: In(ids((c) => c.personId)) }),
            manager.findBy(Team, { id: In(ids((c) => c.teamId)) }),
            manager.findBy(Doctor, { id: In(ids((c) => c.doctorId)) }),
            manager.findBy(Institution, { id: In(ids((c) => c.institutionId)) }),
            manager.findBy(Region, { id: In(ids((c) => c.regionId)) }),
            manager.find(Contract, { select: { id: true, renewalOf: true }, where: { renewalOf: In(ids((c) => c.id)), status: In(['pending', 'active']) } }),
          ]);
    const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
    const [personMap, teamMap, doctorMap, institutionMap, regionMap] = [byId(persons), byId(teams), byId(doctors), byId(institutions), byId(regions)];
    const renewedBy = new Map(renewals.map((r) => [r.renewalOf!, r.id]));
    const build = <P>(c: Contract, person: P) => {
      const team = teamMap.get(c.teamId);
      const doctor = doctorMap.get(c.doctorId);
      const institution = institutionMap.get(c.institutionId);
      const windowDays = (regionMap.get(c.regionId)?.policy ?? effectivePolicy(null)).renewalWindowDays;
      return {
        id: c.id,
        personId: c.personId,
        teamId: c.teamId,
        doctorId: c.doctorId,
        institutionId: c.institutionId,
        status: c.status,
        startDate: c.startDate,
        endDate: c.endDate,
        years: c.years,
        packageCodes: c.packageCodes,
        fees: c.fees,
        signedBy: c.signedBy,
        agreementVersion: c.agreementVersion,
        agreementHash: c.agreementHash,
        renewalOf: c.renewalOf,
        renewedBy: renewedBy.get(c.id) ?? null,
        renewalOpensOn: c.status === 'active' ? addDays(c.endDate, -windowDays) : null,
        householdSigningId: c.householdSigningId,
        channel: c.channel,
        insuranceAuthorized: c.insuranceAuthorized,
        insuranceAuthorizedAt: iso(c.insuranceAuthorizedAt),
        guardianConsentAt: iso(c.guardianConsentAt),
        residentConfirmedAt: c.residentConfirmedAt.toISOString(),
        confirmedAt: iso(c.doctorConfirmedAt),
        confirmedTags: c.confirmedTagsCipher ? this.cipher.decryptJson<KeyGroupTag[]>(c.confirmedTagsCipher) : null,
        rejectionReason: c.rejectionReason,
        terminationReason: c.terminationReason,
        terminatedAt: iso(c.terminatedAt),
        createdAt: c.createdAt.toISOString(),
        person,
        team: { id: c.teamId, name: team?.name ?? '', phone: team?.phone ?? '' },
        doctor: { id: c.doctorId, name: doctor?.name ?? '', title: doctor?.title ?? '', phone: doctor?.phone ?? '' },
        institution: { id: c.institutionId, name: institution?.name ?? '' },
      };
    };
    return { persons: personMap, build };
  }
}

const iso = (time: Date | null) => (time ? time.toISOString() : null);
