import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Between, DataSource, FindOptionsWhere, IsNull, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { checkOutcomeDate, referralRefusal, todayInChina, type ReferralStatus } from '@jiayi/domain';
import type { StaffDownReferral, StaffReferral } from '@jiayi/contract';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { notFound, refusalError } from '../common/api-error';
import { PiiCipher } from '../common/pii-cipher';
import { Contract } from '../contracts/contract.entity';
import { inTransaction, isUniqueViolation, writeOnce } from '../database/transaction';
import { DeclineReferralDto, DownReferralDto, DownReferralsQueryDto, ReferralDto, ReferralFeedbackDto, StaffReferralsQueryDto } from './dto/referral.dto';
import { DownReferralRecord } from './down-referral.entity';
import { ReferralViews } from './referral-views';
import { ReferralRecord } from './referral.entity';
import { ReferralsService } from './referrals.service';

type Scope = { teamId: string } | { institutionId: string } | { regionId: string } | { hospitalId: string };

/**
 * The staff side of referrals. The team (doctor: its team; clinic admin: the institution; region
 * admin: the region) approves, declines, books for its residents and acknowledges down-referrals;
 * the hospital's coordinator sees only its hospital's referrals and only what they need, records
 * outcomes, writes feedback and sends patients back. Outside the scope everything is 404; every
 * read is audited.
 */
@Injectable()
export class StaffReferralsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly referrals: ReferralsService,
    private readonly views: ReferralViews,
    private readonly audit: AuditService,
    private readonly cipher: PiiCipher,
  ) {}

  scope(auth: AuthContext): Scope {
    if (auth.role === 'doctor' && auth.teamId) return { teamId: auth.teamId };
    if (auth.role === 'clinicAdmin' && auth.institutionId) return { institutionId: auth.institutionId };
    if (auth.role === 'regionAdmin' && auth.regionId) return { regionId: auth.regionId };
    if (auth.role === 'hospitalCoordinator' && auth.hospitalId) return { hospitalId: auth.hospitalId };
    throw notFound();
  }

  async list(auth: AuthContext, query: StaffReferralsQueryDto): Promise<StaffReferral[]> {
    const where: FindOptionsWhere<ReferralRecord> = {
      ...this.scope(auth),
      ...(query.status ? { status: query.status as ReferralStatus } : {}),
      ...(query.from && query.to
        ? { date: Between(query.from, query.to) }
        : query.from
          ? { date: MoreThanOrEqual(query.from) }
          : query.to
            ? { date: LessThanOrEqual(query.to) }
            : {}),
    };
    const rows = await this.dataSource.getRepository(ReferralRecord).find({
      where,
      order: query.status === 'requested' ? { createdAt: 'ASC', id: 'ASC' } : { date: 'ASC', period: 'ASC', createdAt: 'ASC', id: 'ASC' },
      take: query.limit ?? 200,
    });
    await this.audit.record(
      auth,
      'referral.list',
      rows.map((r) => r.personId),
      'referral',
    );
    return this.views.staffViews(rows, { withContract: auth.role !== 'hospitalCoordinator' });
  }

  async get(auth: AuthContext, id: string): Promise<StaffReferral> {
    const row = await this.inScope(auth, id);
    await this.audit.record(auth, 'referral.read', [row.personId], 'referral', row.id);
    return (await this.views.staffViews([row], { withContract: auth.role !== 'hospitalCoordinator' }))[0];
  }

  /** The family doctor books for a resident of the team: `booked` at once. */
  async bookFor(auth: AuthContext, dto: ReferralDto): Promise<StaffReferral> {
    const scope = this.scope(auth);
    const contract = await this.dataSource.getRepository(Contract).findOneBy({ id: dto.contractId, ...scope } as FindOptionsWhere<Contract>);
    if (!contract) throw notFound('没有找到这份签约');
    const row = await this.referrals.hold(auth, contract, dto, 'doctor');
    await this.audit.record(auth, 'referral.book', [row.personId], 'referral', row.id);
    return this.get(auth, row.id);
  }

  /** The family doctor approves a hold before it expires: the held place becomes a booking. */
  async approve(auth: AuthContext, id: string): Promise<StaffReferral> {
    const row = await this.inScope(auth, id);
    const now = new Date();
    await this.referrals.move(
      row,
      'booked',
      { approvedAt: now, approvedBy: auth.accountId, holdExpiresAt: null },
      'referralBooked',
      { holdValidAt: now },
      (manager) => this.audit.record(auth, 'referral.approve', [row.personId], 'referral', row.id, manager),
    );
    return this.get(auth, id);
  }

  async decline(auth: AuthContext, id: string, dto: DeclineReferralDto): Promise<StaffReferral> {
    const row = await this.inScope(auth, id);
    await this.referrals.move(row, 'declined', { declineReason: dto.reason, endedAt: new Date(), holdExpiresAt: null }, 'referralDeclined', {}, (manager) =>
      this.audit.record(auth, 'referral.decline', [row.personId], 'referral', row.id, manager),
    );
    return this.get(auth, id);
  }

  /** The hospital records the outcome, on or after the day (the resident is told). The place was used: it stays taken. */
  async outcome(auth: AuthContext, id: string, to: 'visited' | 'noShow'): Promise<StaffReferral> {
    const row = await this.inScope(auth, id);
    const allowed = checkOutcomeDate(row.date, todayInChina(new Date()));
    if (!allowed.ok) throw refusalError(allowed);
    const notice = to === 'visited' ? 'referralVisited' : 'referralNoShow';
    await this.referrals.move(row, to, { endedAt: new Date(), outcomeBy: auth.accountId }, notice, {}, (manager) =>
      this.audit.record(auth, `referral.${to}`, [row.personId], 'referral', row.id, manager),
    );
    return this.get(auth, id);
  }

  /** 回执 after a visit; may be corrected, the resident is told the first time. */
  async feedback(auth: AuthContext, id: string, dto: ReferralFeedbackDto): Promise<StaffReferral> {
    const row = await this.inScope(auth, id);
    await inTransaction(this.dataSource, async (manager) => {
      const written = await manager.update(
        ReferralRecord,
        { id, status: 'visited' },
        { feedbackCipher: this.cipher.encryptJson({ findings: dto.findings, advice: dto.advice, nextStep: dto.nextStep }), feedbackAt: new Date() },
      );
      if (written.affected !== 1) throw refusalError(referralRefusal('REFERRAL.NOT_VISITED'));
      await this.referrals.notify(manager, row, 'referralFeedback');
      await this.audit.record(auth, 'referral.feedback', [row.personId], 'referral', row.id, manager);
    });
    return this.get(auth, id);
  }

  /** 下转: the hospital sends a visited patient back to the team that referred them. */
  async sendDown(auth: AuthContext, dto: DownReferralDto): Promise<StaffDownReferral> {
    const row = await this.inScope(auth, dto.referralId);
    if (row.status !== 'visited') throw refusalError(referralRefusal('REFERRAL.NOT_VISITED', 'referralId'));
    const down: DownReferralRecord = {
      id: randomUUID(),
      referralId: row.id,
      personId: row.personId,
      teamId: row.teamId,
      institutionId: row.institutionId,
      regionId: row.regionId,
      hospitalId: row.hospitalId,
      summaryCipher: this.cipher.encrypt(dto.summary),
      planCipher: this.cipher.encrypt(dto.plan),
      sentBy: auth.accountId,
      sentAt: new Date(),
      acknowledgedAt: null,
      acknowledgedBy: null,
    };
    try {
      await inTransaction(this.dataSource, async (manager) => {
        await manager.insert(DownReferralRecord, down);
        await this.referrals.notify(manager, row, 'downReferral');
        await this.audit.record(auth, 'referral.down', [row.personId], 'downReferral', down.id, manager);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw refusalError(referralRefusal('REFERRAL.DOWN_ALREADY_SENT', 'referralId'));
      throw error;
    }
    return (await this.views.staffDownViews([down]))[0];
  }

  /** Down-referrals of the scope; `pending` keeps those the team has not acknowledged (its to-do list). */
  async downReferrals(auth: AuthContext, query: DownReferralsQueryDto): Promise<StaffDownReferral[]> {
    const rows = await this.dataSource.getRepository(DownReferralRecord).find({
      where: { ...this.scope(auth), ...(query.pending ? { acknowledgedAt: IsNull() } : {}) },
      order: { sentAt: 'DESC', id: 'ASC' },
      take: 200,
    });
    await this.audit.record(
      auth,
      'downReferral.list',
      rows.map((r) => r.personId),
      'downReferral',
    );
    return this.views.staffDownViews(rows);
  }

  async acknowledge(auth: AuthContext, id: string): Promise<StaffDownReferral> {
    const repository = this.dataSource.getRepository(DownReferralRecord);
    const down = await repository.findOneBy({ id, ...this.scope(auth) });
    if (!down) throw notFound('没有找到这次转回');
    const result = await writeOnce(this.dataSource, (manager) =>
      manager.update(DownReferralRecord, { id, acknowledgedAt: IsNull() }, { acknowledgedAt: new Date(), acknowledgedBy: auth.accountId }),
    );
    if (result.affected !== 1) throw refusalError(referralRefusal('REFERRAL.DOWN_ALREADY_ACKNOWLEDGED'));
    await this.audit.record(auth, 'downReferral.acknowledge', [down.personId], 'downReferral', down.id);
    return (await this.views.staffDownViews([await repository.findOneByOrFail({ id })]))[0];
  }

  private async inScope(auth: AuthContext, id: string): Promise<ReferralRecord> {
    const row = await this.dataSource.getRepository(ReferralRecord).findOneBy({ id, ...this.scope(auth) });
    if (!row) throw notFound('没有找到这次转诊');
    return row;
  }
}
