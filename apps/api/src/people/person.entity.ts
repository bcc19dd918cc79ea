import { Entity, Index } from 'typeorm';
import { IdColumn, DateColumn, LongTextColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';

export type { Relation } from '@jiayi/domain';
import type { Relation } from '@jiayi/domain';

/**
 * A resident: the account holder (`relation = 'self'`) or a family member the account manages.
 * The ID number, phone and declared health tags are encrypted (AES-256-GCM); the ID number is
 * found through its keyed hash, which is unique so that one person is registered once.
 */
@Entity('persons')
@Index('UQ_persons_id_number_hash', ['idNumberHash'], { unique: true })
@Index('IDX_persons_account', ['accountId'])
@Index('IDX_persons_community', ['communityId'])
export class Person {
  @IdColumn() id: string;
  /** The WeChat account that manages this person; null for a person registered on site until they claim it. */
  @RefColumn({ nullable: true }) accountId: string | null;
  @TextColumn(10) relation: Relation;
  @TextColumn(50) name: string;
  @LongTextColumn() idNumberCipher: string;
  @TextColumn(64) idNumberHash: string;
  @TextColumn(18) idNumberMasked: string;
  @DateColumn() birthDate: string;
  @TextColumn(6) gender: 'male' | 'female';
  @LongTextColumn({ nullable: true }) phoneCipher: string | null;
  @RefColumn({ nullable: true }) communityId: string | null;
  @LongTextColumn() declaredTagsCipher: string;
  /** PIPL art. 31: a guardian's consent for a member under 14, given by the household account. */
  @TimeColumn({ nullable: true }) guardianConsentAt: Date | null;
  @TimeColumn() createdAt: Date;
  @TimeColumn() updatedAt: Date;
}
