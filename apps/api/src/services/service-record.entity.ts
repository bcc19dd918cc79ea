import { Entity, Index } from 'typeorm';
import type { ServiceChannel, ServiceType } from '@jiayi/domain';
import { BoolColumn, DateColumn, IdColumn, IntColumn, LongTextColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';

/**
 * One service a team member gave a resident (履约记录). Never deleted: a correction inserts a new
 * version (`correctsId`, `correctionReason`, its own `recordedByStaffId`) and turns the old one's
 * `current` off by a conditional update, so two racing corrections cannot both win.
 *
 * Readings and the note are health information: encrypted. `onTarget` says whether the reading met
 * the control target (BP < 140/90 mmHg, fasting glucose < 7.0 mmol/L) so indicators need not decrypt.
 */
@Entity('service_records')
@Index('IDX_service_records_team_date', ['teamId', 'serviceDate'])
@Index('IDX_service_records_person_type_date', ['personId', 'type', 'serviceDate'])
@Index('IDX_service_records_contract', ['contractId'])
@Index('IDX_service_records_institution_date', ['institutionId', 'serviceDate'])
@Index('IDX_service_records_lineage', ['lineageId'])
export class ServiceRecord {
  @IdColumn() id: string;
  @RefColumn() personId: string;
  /** The contract it delivers; null for a free record (a resident without an active contract). */
  @RefColumn({ nullable: true }) contractId: string | null;
  @RefColumn() teamId: string;
  @RefColumn() institutionId: string;
  @RefColumn() regionId: string;
  @TextColumn(20) type: ServiceType;
  @DateColumn() serviceDate: string;
  @TextColumn(10) channel: ServiceChannel;
  /** The plan item it fulfils (`<contractId>:<itemKey>:<n>`, see libs/domain services/service-plan.ts). */
  @TextColumn(80, { nullable: true }) planItemId: string | null;
  @LongTextColumn({ nullable: true }) measurementsCipher: string | null;
  @BoolColumn({ nullable: true }) onTarget: boolean | null;
  /** Each target on its own, for the 血压控制率 and 血糖控制率 (null when not measured). */
  @BoolColumn({ nullable: true }) bloodPressureOnTarget: boolean | null;
  @BoolColumn({ nullable: true }) glucoseOnTarget: boolean | null;
  @LongTextColumn({ nullable: true }) noteCipher: string | null;
  /** False once a newer version corrects it. */
  @BoolColumn() current: boolean;
  @IntColumn() version: number;
  /** The id of the first version: every version of one service shares it. */
  @RefColumn() lineageId: string;
  @RefColumn({ nullable: true }) correctsId: string | null;
  @TextColumn(200, { nullable: true }) correctionReason: string | null;
  @RefColumn() recordedByStaffId: string;
  /** The resident's handwritten signature captured on site (PNG data URL, encrypted). */
  @LongTextColumn({ nullable: true }) confirmationSignatureCipher: string | null;
  @TextColumn(10, { nullable: true }) confirmedVia: 'signature' | 'tap' | null;
  @TimeColumn({ nullable: true }) confirmedAt: Date | null;
  @TimeColumn() createdAt: Date;
}
