import { Entity, PrimaryColumn } from 'typeorm';
import { RefColumn, TextColumn, TimeColumn } from '../database/columns';

/** The access token shared by every API instance; one instance refreshes it at a time (a claim on this row). */
@Entity('wechat_tokens')
export class WechatToken {
  @PrimaryColumn({ type: 'varchar', length: 64 }) appId: string;
  @TextColumn(512, { nullable: true }) accessToken: string | null;
  @TimeColumn({ nullable: true }) expiresAt: Date | null;
  @RefColumn({ nullable: true }) refreshingBy: string | null;
  @TimeColumn({ nullable: true }) refreshUntil: Date | null;
}
