import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { whatToBring } from '@jiayi/domain';
import type { DownReferral, Referral, ReferralFeedback, SlotPool, StaffDownReferral, StaffReferral } from '@jiayi/contract';
import { PiiCipher } from '../common/pii-cipher';
import { Contract } from '../contracts/contract.entity';
import { ServicePackageRecord } from '../packages/service-package.entity';
import { Person } from '../people/person.entity';
import { PeopleService } from '../people/people.service';
import { Doctor } from '../reference/doctor.entity';
import { Hospital } from '../reference/hospital.entity';
import { Team } from '../reference/team.entity';
import { DownReferralRecord } from './down-referral.entity';
import { ReferralRecord } from './referral.entity';
import { SlotPoolRecord } from './slot-pool.entity';

export function poolView(pool: SlotPoolRecord): SlotPool {
  const held = Number(pool.held);
  const capacity = Number(pool.capacity);
  return {
    id: pool.id,
    hospitalId: pool.hospitalId,
    department: pool.department,
    date: pool.date,
    period: pool.period,
    capacity,
    booked: held,
    left: pool.closed ? 0 : Math.max(0, capacity - held),
    closed: Boolean(pool.closed),
  };
}

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
const unique = (values: string[]) => [...new Set(values)];

/** Builds referral views, loading each kind of related row once per batch and decrypting what the reader may see. */
@Injectable()
export class ReferralViews {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PeopleService,
    private readonly cipher: PiiCipher,
  ) {}

  async residentViews(rows: ReferralRecord[]): Promise<Referral[]> {
    if (rows.length === 0) return [];
    const { persons, hospitals, doctors } = await this.load(rows);
    return rows.map((row) => ({
      ...this.base(row, doctors.get(row.doctorId)),
      personName: persons.get(row.personId)?.name ?? '',
      hospitalName: hospitals.get(row.hospitalId)?.name ?? '',
      hospitalAddress: hospitals.get(row.hospitalId)?.address ?? '',
      whatToBring: whatToBring(row.department),
    }));
  }

  /**
   * What staff see: the resident's name, sex, age, masked ID and phone, the reason, the family
   * doctor's contact; the team also sees the contract with its packages at a glance.
   */
  async staffViews(rows: ReferralRecord[], options: { withContract: boolean }): Promise<StaffReferral[]> {
    if (rows.length === 0) return [];
    const manager = this.dataSource.manager;
    const { persons, hospitals, doctors } = await this.load(rows);
    const [teams, downs, contracts] = await Promise.all([
      manager.findBy(Team, { id: In(unique(rows.map((r) => r.teamId))) }),
      manager.findBy(DownReferralRecord, { referralId: In(rows.map((r) => r.id)) }),
      options.withContract ? manager.findBy(Contract, { id: In(unique(rows.map((r) => r.contractId))) }) : Promise.resolve([]),
    ]);
    const packageCodes = unique(contracts.flatMap((c) => c.packageCodes));
    const packages = packageCodes.length
      ? await manager.find(ServicePackageRecord, { select: { regionId: true, code: true, name: true }, where: { code: In(packageCodes) } })
      : [];
    const teamMap = byId(teams);
    const contractMap = byId(contracts);
    return rows.map((row) => {
      const person = persons.get(row.personId);
      const view = person ? this.people.toView(person) : null;
      const team = teamMap.get(row.teamId);
      const contract = contractMap.get(row.contractId);
      const down = downs.find((d) => d.referralId === row.id);
      return {
        ...this.base(row, doctors.get(row.doctorId)),
        hospitalName: hospitals.get(row.hospitalId)?.name ?? '',
        hospitalAddress: hospitals.get(row.hospitalId)?.address ?? '',
        person: {
          id: row.personId,
          name: view?.name ?? '',
          gender: view?.gender ?? 'female',
          age: view?.age ?? 0,
          idNumberMasked: view?.idNumberMasked ?? '',
          phone: person ? this.people.phone(person) : null,
        },
        team: { id: row.teamId, name: team?.name ?? '', phone: team?.phone ?? '' },
        contract: contract
          ? {
              status: contract.status,
              endDate: contract.endDate,
              packages: contract.packageCodes.map((code) => packages.find((p) => p.code === code && p.regionId === contract.regionId)?.name ?? code),
            }
          : null,
        downReferral: down ? this.downView(down, hospitals.get(down.hospitalId)) : null,
      };
    });
  }

  async staffDownViews(rows: DownReferralRecord[]): Promise<StaffDownReferral[]> {
    if (rows.length === 0) return [];
    const manager = this.dataSource.manager;
    const [persons, hospitals, referrals] = await Promise.all([
      manager.find(Person, { select: { id: true, name: true }, where: { id: In(unique(rows.map((r) => r.personId))) } }),
      manager.findBy(Hospital, { id: In(unique(rows.map((r) => r.hospitalId))) }),
      manager.find(ReferralRecord, { select: { id: true, department: true, date: true }, where: { id: In(rows.map((r) => r.referralId)) } }),
    ]);
    const hospitalMap = byId(hospitals);
    const personMap = byId(persons);
    const referralMap = byId(referrals);
    return rows.map((row) => ({
      ...this.downView(row, hospitalMap.get(row.hospitalId)),
      personName: personMap.get(row.personId)?.name ?? '',
      department: referralMap.get(row.referralId)?.department ?? '',
      visitDate: referralMap.get(row.referralId)?.date ?? '',
    }));
  }

  downView(row: DownReferralRecord, hospital: Hospital | undefined): DownReferral {
    return {
      id: row.id,
      referralId: row.referralId,
      personId: row.personId,
      teamId: row.teamId,
      hospitalId: row.hospitalId,
      hospitalName: hospital?.name ?? '',
      summary: this.cipher.decrypt(row.summaryCipher),
      plan: this.cipher.decrypt(row.planCipher),
      sentAt: row.sentAt.toISOString(),
      acknowledgedAt: row.acknowledgedAt ? row.acknowledgedAt.toISOString() : null,
    };
  }

  private base(row: ReferralRecord, doctor: Doctor | undefined) {
    const feedback = row.feedbackCipher ? this.cipher.decryptJson<Omit<ReferralFeedback, 'writtenAt'>>(row.feedbackCipher) : null;
    return {
      id: row.id,
      personId: row.personId,
      contractId: row.contractId,
      slotId: row.slotId,
      hospitalId: row.hospitalId,
      department: row.department,
      date: row.date,
      period: row.period,
      status: row.status,
      reason: this.cipher.decrypt(row.reasonCipher),
      requestedBy: row.requestedBy,
      holdExpiresAt: row.status === 'requested' && row.holdExpiresAt ? row.holdExpiresAt.toISOString() : null,
      declineReason: row.declineReason,
      feedback: feedback && row.feedbackAt ? { ...feedback, writtenAt: row.feedbackAt.toISOString() } : null,
      doctor: { id: row.doctorId, name: doctor?.name ?? '', phone: doctor?.phone ?? '' },
      createdAt: row.createdAt.toISOString(),
    };
  }

  private async load(rows: ReferralRecord[]) {
    const manager = this.dataSource.manager;
    const [persons, hospitals, doctors] = await Promise.all([
      manager.findBy(Person, { id: In(unique(rows.map((r) => r.personId))) }),
      manager.findBy(Hospital, { id: In(unique(rows.map((r) => r.hospitalId))) }),
      manager.findBy(Doctor, { id: In(unique(rows.map((r) => r.doctorId))) }),
    ]);
    return { persons: byId(persons), hospitals: byId(hospitals), doctors: byId(doctors) };
  }
}
