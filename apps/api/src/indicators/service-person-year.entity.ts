import { Entity, PrimaryColumn } from 'typeorm';
import { BoolColumn, DateColumn, IntColumn } from '../database/columns';

/**
 * What 查体率, 规范管理率 and 控制率 need of one person's current service records of one calendar
 * year (and the quarters a push reached them, for 推送覆盖率), kept so that a dashboard joins one narrow row per signed patient instead of probing the
 * records (BENCHMARKS.md §6). Written only by `service-years.ts`, in the transaction of the service
 * write that changes it, holding this row's lock; the migration fills it from existing records.
 * Health information in the clear, like `contract_facts`: no endpoint returns its rows.
 */
@Entity('service_person_years')
export class ServicePersonYear {
  @PrimaryColumn({ type: 'varchar', length: 36 }) personId: string;
  @PrimaryColumn({ type: 'int' }) year: number;
  /** Current health checks (体检) dated in the year. */
  @IntColumn({ default: 0 }) checks: number;
  /** Current follow-ups (随访) dated in the year. */
  @IntColumn({ default: 0 }) followUps: number;
  /** The latest current follow-up with a blood-pressure reading met the target; null when none had one. */
  @BoolColumn({ nullable: true }) bloodPressureLatest: boolean | null;
  /** The same for fasting glucose. */
  @BoolColumn({ nullable: true }) glucoseLatest: boolean | null;
  /** The latest date among those records: the row answers a window [Jan 1, day] only when it is ≤ day. */
  @DateColumn({ nullable: true }) lastServiceDate: string | null;
  /**
   * The quarters of the year in which a push was sent to the person (bit 0 = Q1 … bit 3 = Q4), for
   * 健康信息推送覆盖率; kept by push-rollup.ts, which only ever ORs bits in.
   */
  @IntColumn({ default: 0 }) pushQuarters: number;
}
