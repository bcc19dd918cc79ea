import { Entity, Index } from 'typeorm';
import type { NonSigningCategory } from '@jiayi/domain';
import { IdColumn, LongTextColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';

/**
 * 知情告知书: a resident who declined to sign after being informed, recorded by staff so that
 * they are not counted as unreached. The ID number is stored like a person's (encrypted, keyed hash, masked).
 */
@Entity('signing_refusals')
@Index('IDX_signing_refusals_team', ['teamId'])
@Index('IDX_signing_refusals_institution', ['institutionId'])
@Index('IDX_signing_refusals_region', ['regionId'])
@Index('IDX_signing_refusals_id_number_hash', ['idNumberHash'])
export class SigningRefusal {
  @IdColumn() id: string;
  @TextColumn(50) name: string;
  @LongTextColumn() idNumberCipher: string;
  @TextColumn(64) idNumberHash: string;
  @TextColumn(18) idNumberMasked: string;
  @LongTextColumn({ nullable: true }) phoneCipher: string | null;
  /** The registered person with this ID number, when there is one. */
  @RefColumn({ nullable: true }) personId: string | null;
  @RefColumn() teamId: string;
  @RefColumn() institutionId: string;
  @RefColumn() regionId: string;
  @TextColumn(200) reason: string;
  /** Why the resident is not signed (拒签, 失联, 入狱, 死亡, 外出/迁出); editable by the team. */
  @TextColumn(12, { default: 'refused' }) category: NonSigningCategory;
  /** The signed 知情告知书 (image data URL, encrypted) for a refusal. */
  @LongTextColumn({ nullable: true }) noticePhotoCipher: string | null;
  @RefColumn() recordedByStaffId: string;
  @TimeColumn() createdAt: Date;
  @TimeColumn({ nullable: true }) updatedAt: Date | null;
  @RefColumn({ nullable: true }) updatedByStaffId: string | null;
}
