import { Entity, Index } from 'typeorm';
import { BoolColumn, IdColumn, LongTextColumn, TextColumn, TimeColumn } from '../database/columns';

/** A WeChat user. The session key from code2Session is kept encrypted and never leaves the server. */
@Entity('resident_accounts')
@Index('UQ_resident_accounts_openid', ['openid'], { unique: true })
export class ResidentAccount {
  @IdColumn() id: string;
  @TextColumn(64) openid: string;
  @LongTextColumn({ nullable: true }) sessionKeyCipher: string | null;
  /** PIPL art. 29: the separate consent to process sensitive information (health, children under 14). */
  @BoolColumn({ default: false }) sensitiveConsent: boolean;
  @TextColumn(20, { nullable: true }) privacyPolicyVersion: string | null;
  @TimeColumn({ nullable: true }) consentAt: Date | null;
  /** PIPL art. 15: when the separate consent was last withdrawn (given again by PUT /api/me/profile). */
  @TimeColumn({ nullable: true }) consentWithdrawnAt: Date | null;
  @TimeColumn() createdAt: Date;
}
