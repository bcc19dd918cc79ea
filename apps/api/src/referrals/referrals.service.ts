import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  checkBookable,
  checkCancellable,
  holdExpiresAt,
  openReferralKey,
  referralRefusal,
  referralTransition,
  ReferralStatus,
  slotLabel,
  todayInChina,
  type NoticeKind,
  type Refusal,
} from '@jiayi/domain';
import type { Referral } from '@jiayi/contract';
import type { AuthContext } from '../auth/auth-context';
import { notFound, refusalError } from '../common/api-error';
import { PiiCipher } from '../common/pii-cipher';
import { ReferralsConfig, referralsConfig } from '../config/configuration';
import { Contract } from '../contracts/contract.entity';
import { inTransaction, isUniqueViolation } from '../database/transaction';
import { NoticesService } from '../notices/notices.service';
import { Person } from '../people/person.entity';
import { Hospital } from '../reference/hospital.entity';
import { ReferralDto } from './dto/referral.dto';
import { moveReferral, takePlace } from './referral-ledger';
import { ReferralViews } from './referral-views';
import { ReferralRecord } from './referral.entity';
import { SlotPoolRecord } from './slot-pool.entity';

/** The resident's referrals page in the mini-program (where notices lead). */
export const REFERRALS_PAGE = '/referral/mine/index';

/** What a notice about a referral says, per event. */
const NOTICE_TEXT: Partial<Record<NoticeKind, (place: string) => string>> = {
  referralBooked: (place) => `已为您预约${place}，请按时就诊，记得带身份证和医保卡。`,
  referralDeclined: (place) => `${place}的转诊申请未通过，可联系您的家庭医生了解原因。`,
  referralExpired: (place) => `${place}的转诊申请超过审核时限未处理，号源已释放，可重新预约。`,
  referralCancelled: (place) => `${place}的转诊预约已取消。`,
  referralVisited: (place) => `医院已记录您在${place}就诊，回执写好后会再通知您。`,
  referralNoShow: (place) => `${place}的转诊预约未见您就诊，已记为未就诊；如仍需就诊，请联系家庭医生重新预约。`,
  referralFeedback: (place) => `${place}的就诊回执已写好，可在“我的转诊”查看医院的建议。`,
  downReferral: (place) => `${place}已将您转回签约团队，家庭医生会按随访计划联系您。`,
};

/**
 * Referrals from the resident's side, and the one booking path that residents and doctors share:
 * a hold takes a place of its pool and inserts the referral with its open key in one transaction,
 * so a full pool or a second open referral is refused by the database, never by a prior read.
 */
@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(referralsConfig.KEY) private readonly config: ReferralsConfig,
    private readonly views: ReferralViews,
    private readonly notices: NoticesService,
    private readonly cipher: PiiCipher,
  ) {}

  async list(auth: AuthContext): Promise<Referral[]> {
    const persons = await this.dataSource.getRepository(Person).find({ select: { id: true }, where: { accountId: auth.accountId } });
    if (persons.length === 0) return [];
    const rows = await this.dataSource.getRepository(ReferralRecord).find({
      where: { personId: In(persons.map((p) => p.id)) },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: 200,
    });
    return this.views.residentViews(rows);
  }

  /** A resident asks for a referral for themselves or a family member with an active contract: a place is held. */
  async request(auth: AuthContext, dto: ReferralDto): Promise<Referral> {
    const contract = await this.dataSource.getRepository(Contract).findOneBy({ id: dto.contractId });
    const person = contract ? await this.dataSource.getRepository(Person).findOneBy({ id: contract.personId, accountId: auth.accountId }) : null;
    if (!contract || !person) throw notFound('没有找到这份签约');
    const row = await this.hold(auth, contract, dto, 'resident');
    return (await this.views.residentViews([row]))[0];
  }

  /** Cancels before the day; a held or booked place goes back to the pool once. */
  async cancel(auth: AuthContext, id: string): Promise<Referral> {
    const row = await this.dataSource.getRepository(ReferralRecord).findOneBy({ id });
    const person = row ? await this.dataSource.getRepository(Person).findOneBy({ id: row.personId, accountId: auth.accountId }) : null;
    if (!row || !person) throw notFound('没有找到这次转诊');
    const allowed = checkCancellable(row.date, todayInChina(new Date()));
    if (!allowed.ok) throw refusalError(allowed);
    await this.move(row, 'cancelled', { endedAt: new Date() }, 'referralCancelled');
    return (await this.views.residentViews([await this.dataSource.getRepository(ReferralRecord).findOneByOrFail({ id })]))[0];
  }

  /**
   * The booking path: checks the contract and the slot, then in one transaction takes a place of
   * the pool (conditional UPDATE) and inserts the referral (unique open key). `booked` at once when
   * a doctor books for a resident of the team.
   */
  async hold(auth: AuthContext, contract: Contract, dto: ReferralDto, by: 'resident' | 'doctor'): Promise<ReferralRecord> {
    if (contract.status !== 'active') throw refusalError(referralRefusal('REFERRAL.NO_ACTIVE_CONTRACT', 'contractId'));
    const pool = await this.dataSource.getRepository(SlotPoolRecord).findOneBy({ id: dto.slotId });
    if (!pool) throw notFound('没有找到这个号源，请重新选择');
    const now = new Date();
    const bookable = checkBookable(pool, now);
    if (!bookable.ok) throw refusalError(bookable);
    // A pool already seen full is refused without a transaction (a refusal at most a moment stale);
    // while places remain, only the conditional UPDATE below decides.
    if (Number(pool.held) >= Number(pool.capacity)) throw refusalError(referralRefusal('REFERRAL.SLOT_FULL', 'slotId'));
    const hospital = await this.dataSource.getRepository(Hospital).findOneByOrFail({ id: pool.hospitalId });
    const direct = by === 'doctor';
    const row: ReferralRecord = {
      id: randomUUID(),
      personId: contract.personId,
      contractId: contract.id,
      teamId: contract.teamId,
      doctorId: contract.doctorId,
      institutionId: contract.institutionId,
      regionId: contract.regionId,
      hospitalId: pool.hospitalId,
      department: pool.department,
      slotId: pool.id,
      date: pool.date,
      period: pool.period,
      status: direct ? 'booked' : 'requested',
      reasonCipher: this.cipher.encrypt(dto.reason),
      requestedBy: by,
      requestedByAccountId: auth.accountId,
      holdExpiresAt: direct ? null : holdExpiresAt(now, this.config.holdHours),
      approvedAt: direct ? now : null,
      approvedBy: direct ? auth.accountId : null,
      declineReason: null,
      endedAt: null,
      outcomeBy: null,
      feedbackCipher: null,
      feedbackAt: null,
      openKey: openReferralKey(contract.personId, pool.hospitalId, pool.department),
      createdAt: now,
    };
    try {
      await inTransaction(
        this.dataSource,
        async (manager) => {
          if (!(await takePlace(manager, pool.id))) {
            const current = await manager.findOneByOrFail(SlotPoolRecord, { id: pool.id });
            throw refusalError(referralRefusal(current.closed ? 'REFERRAL.POOL_CLOSED' : 'REFERRAL.SLOT_FULL', 'slotId'));
          }
          await manager.insert(ReferralRecord, row);
          if (direct) await this.notify(manager, row, 'referralBooked', hospital);
          // READ COMMITTED: an UPDATE whose condition fails on the latest committed pool row does not
          // queue for that row's lock (semi-consistent read), so refusals of a full pool return at once;
          // one that may succeed still waits for the lock and re-checks `held < capacity` on the locked row.
        },
        'READ COMMITTED',
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw refusalError(referralRefusal('REFERRAL.ALREADY_OPEN', 'slotId'));
      throw error;
    }
    return row;
  }

  /**
   * Moves a referral (read by the caller) from its current status to `to` if no one moved it
   * first, and tells the resident. Refuses with the domain's reason when the move is not allowed
   * or lost a race.
   */
  async move(
    row: ReferralRecord,
    to: ReferralStatus,
    fields: Parameters<typeof moveReferral>[4],
    notice: NoticeKind | null,
    condition: Parameters<typeof moveReferral>[5] = {},
    alsoInTransaction?: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    const allowed = referralTransition(row.status, to);
    if (!allowed.ok) throw refusalError(allowed);
    await inTransaction(this.dataSource, async (manager) => {
      if (!(await moveReferral(manager, row, row.status, to, fields, condition))) {
        const current = await manager.findOneByOrFail(ReferralRecord, { id: row.id });
        throw refusalError(this.lostRace(current, to));
      }
      if (notice) await this.notify(manager, row, notice);
      if (alsoInTransaction) await alsoInTransaction(manager);
    });
  }

  /** Tells the resident about a referral event, in the caller's transaction. */
  async notify(manager: EntityManager, row: ReferralRecord, kind: NoticeKind, hospital?: Hospital): Promise<void> {
    const place = `${(hospital ?? (await manager.findOneByOrFail(Hospital, { id: row.hospitalId }))).name}${row.department}（${slotLabel(row.date, row.period)}）`;
    await this.notices.raise(manager, {
      personId: row.personId,
      kind,
      body: NOTICE_TEXT[kind]!(place),
      refType: 'referral',
      refId: row.id,
      page: `${REFERRALS_PAGE}?id=${row.id}`,
    });
  }

  private lostRace(current: ReferralRecord, to: ReferralStatus): Refusal {
    if (to === 'booked' && current.status === 'requested') return referralRefusal('REFERRAL.HOLD_EXPIRED');
    const move = referralTransition(current.status, to);
    return move.ok ? referralRefusal('REFERRAL.INVALID_TRANSITION') : move;
  }
}
