import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Between, DataSource, FindOptionsWhere } from 'typeorm';
import { addDays, checkCapacity, checkPublishDate, datesOnWeekdays, daysBetween, isSlotPast, referralRefusal, SlotPeriod, todayInChina } from '@jiayi/domain';
import type { PublishedPools, SlotPool } from '@jiayi/contract';
import type { AuthContext } from '../auth/auth-context';
import { notFound, refusalError } from '../common/api-error';
import { inTransaction, isUniqueViolation, writeOnce } from '../database/transaction';
import { Hospital } from '../reference/hospital.entity';
import { SlotPoolBatchDto, SlotPoolDto, SlotPoolUpdateDto, SlotQueryDto } from './dto/referral.dto';
import { setCapacity } from './referral-ledger';
import { poolView } from './referral-views';
import { SlotPoolRecord } from './slot-pool.entity';

/** Days shown when a query names no range: the coming two weeks. */
const DEFAULT_DAYS = 14;
/** The longest range one query may ask for. */
const MAX_QUERY_DAYS = 62;

/**
 * Slot pools: the hospital's coordinator publishes, resizes and closes them; residents and
 * doctors read the places left. Capacity changes are one conditional UPDATE (`held <= capacity`).
 */
@Injectable()
export class ReferralPoolsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Pools a resident may still book: from now on, places left per pool (closed ones show 0). */
  async bookable(query: SlotQueryDto): Promise<SlotPool[]> {
    const now = new Date();
    const pools = await this.find(query, {});
    return pools.filter((p) => !isSlotPast(p.date, p.period, now)).map(poolView);
  }

  /** Pools of the coordinator's hospital, or of any hospital of a clinician's region. */
  async staffList(auth: AuthContext, query: SlotQueryDto): Promise<SlotPool[]> {
    const hospital = await this.hospitalFor(auth, query.hospitalId);
    return (await this.find({ ...query, hospitalId: hospital.id }, {})).map(poolView);
  }

  async publish(auth: AuthContext, dto: SlotPoolDto): Promise<SlotPool> {
    const hospital = await this.coordinatorHospital(auth, dto.hospitalId);
    this.checkDepartment(hospital, dto.department);
    const date = checkPublishDate(dto.date, todayInChina(new Date()));
    if (!date.ok) throw refusalError(date);
    const pool = this.newPool(auth, hospital.id, dto.department, dto.date, dto.period, dto.capacity);
    try {
      await writeOnce(this.dataSource, (manager) => manager.insert(SlotPoolRecord, pool));
    } catch (error) {
      if (isUniqueViolation(error)) throw refusalError(referralRefusal('REFERRAL.POOL_EXISTS', 'date'));
      throw error;
    }
    return poolView(pool);
  }

  /** A week template over a range: one pool per chosen weekday and period; existing pools are left as they are. */
  async publishBatch(auth: AuthContext, dto: SlotPoolBatchDto): Promise<PublishedPools> {
    const hospital = await this.coordinatorHospital(auth, dto.hospitalId);
    this.checkDepartment(hospital, dto.department);
    const today = todayInChina(new Date());
    for (const [field, date] of [
      ['from', dto.from],
      ['to', dto.to],
    ] as const) {
      const checked = checkPublishDate(date, today);
      if (!checked.ok) throw refusalError({ ...checked, field });
    }
    if (dto.to < dto.from) throw refusalError(referralRefusal('REFERRAL.DATE_RANGE', 'to'));
    const slots = datesOnWeekdays(dto.from, dto.to, dto.weekdays).flatMap((date) => dto.periods.map((period) => ({ date, period })));
    const result: PublishedPools = { created: [], skipped: [] };
    await inTransaction(this.dataSource, async (manager) => {
      result.created = [];
      result.skipped = [];
      for (const slot of slots) {
        const pool = this.newPool(auth, hospital.id, dto.department, slot.date, slot.period, dto.capacity);
        await manager.createQueryBuilder().insert().into(SlotPoolRecord).values(pool).orIgnore().execute();
        // The unique slot key decided: the pool is new only if the stored row carries our id.
        const stored = await manager.findOneBy(SlotPoolRecord, {
          hospitalId: pool.hospitalId,
          department: pool.department,
          date: pool.date,
          period: pool.period,
        });
        if (stored?.id === pool.id) result.created.push(poolView(pool));
        else result.skipped.push(slot);
      }
    });
    return result;
  }

  /** Raises or lowers capacity (never below what is held), closes or reopens a pool. */
  async update(auth: AuthContext, id: string, dto: SlotPoolUpdateDto): Promise<SlotPool> {
    const hospital = await this.coordinatorHospital(auth);
    const repository = this.dataSource.getRepository(SlotPoolRecord);
    const pool = await repository.findOneBy({ id, hospitalId: hospital.id });
    if (!pool) throw notFound('没有找到这个号源');
    await inTransaction(this.dataSource, async (manager) => {
      if (dto.capacity !== undefined && !(await setCapacity(manager, id, dto.capacity))) {
        const current = await manager.findOneByOrFail(SlotPoolRecord, { id });
        const refused = checkCapacity(dto.capacity, Number(current.held));
        throw refusalError(refused.ok ? referralRefusal('REFERRAL.CAPACITY_BELOW_HELD', 'capacity') : refused);
      }
      if (dto.closed !== undefined) await manager.update(SlotPoolRecord, { id }, { closed: dto.closed, updatedAt: new Date() });
    });
    return poolView(await repository.findOneByOrFail({ id }));
  }

  private find(query: SlotQueryDto, where: FindOptionsWhere<SlotPoolRecord>): Promise<SlotPoolRecord[]> {
    const from = query.from ?? todayInChina(new Date());
    const to = query.to ?? addDays(from, DEFAULT_DAYS - 1);
    if (to < from) throw refusalError(referralRefusal('REFERRAL.DATE_RANGE', 'to'));
    if (daysBetween(from, to) > MAX_QUERY_DAYS)
      throw refusalError({ ...referralRefusal('REFERRAL.DATE_RANGE', 'to'), message: `一次最多查询${MAX_QUERY_DAYS}天` });
    return this.dataSource.getRepository(SlotPoolRecord).find({
      where: {
        ...where,
        date: Between(from, to),
        ...(query.hospitalId ? { hospitalId: query.hospitalId } : {}),
        ...(query.department ? { department: query.department } : {}),
      },
      order: { date: 'ASC', period: 'ASC', department: 'ASC' },
      take: 2000,
    });
  }

  private newPool(auth: AuthContext, hospitalId: string, department: string, date: string, period: SlotPeriod, capacity: number): SlotPoolRecord {
    const now = new Date();
    return {
      id: randomUUID(),
      hospitalId,
      department,
      date,
      period,
      capacity,
      held: 0,
      closed: false,
      createdBy: auth.accountId,
      createdAt: now,
      updatedAt: now,
    };
  }

  private checkDepartment(hospital: Hospital, department: string): void {
    if (!hospital.departments.includes(department)) throw refusalError(referralRefusal('REFERRAL.UNKNOWN_DEPARTMENT', 'department'));
  }

  /** The coordinator's own hospital; naming another one is answered 404. */
  private async coordinatorHospital(auth: AuthContext, named?: string): Promise<Hospital> {
    if (auth.role !== 'hospitalCoordinator' || !auth.hospitalId || (named && named !== auth.hospitalId)) throw notFound('没有找到这家医院');
    return this.dataSource.getRepository(Hospital).findOneByOrFail({ id: auth.hospitalId });
  }

  private async hospitalFor(auth: AuthContext, named?: string): Promise<Hospital> {
    if (auth.role === 'hospitalCoordinator') return this.coordinatorHospital(auth, named);
    const hospital = named ? await this.dataSource.getRepository(Hospital).findOneBy({ id: named, regionId: auth.regionId }) : null;
    if (!hospital) throw notFound('没有找到这家医院');
    return hospital;
  }
}
