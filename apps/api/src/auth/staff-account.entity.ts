import { Entity, Index } from 'typeorm';
import { BoolColumn, IdColumn, IntColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';

export type { StaffRole } from '@jiayi/domain';
import type { StaffRole } from '@jiayi/domain';

/** A staff sign-in, scoped to its region, institution, team or hospital. */
@Entity('staff_accounts')
@Index('UQ_staff_accounts_username', ['username'], { unique: true })
export class StaffAccount {
  @IdColumn() id: string;
  @TextColumn(60) username: string;
  /** `scrypt$<salt>$<hash>`, see password.ts. */
  @TextColumn(200) passwordHash: string;
  @TextColumn(30) role: StaffRole;
  @TextColumn(50) name: string;
  @RefColumn() regionId: string;
  @RefColumn({ nullable: true }) institutionId: string | null;
  @RefColumn({ nullable: true }) teamId: string | null;
  @RefColumn({ nullable: true }) doctorId: string | null;
  @RefColumn({ nullable: true }) hospitalId: string | null;
  /** Demo accounts are refused outside demo mode. */
  @BoolColumn({ default: false }) isDemo: boolean;
  @IntColumn({ default: 0 }) failedLogins: number;
  @TimeColumn({ nullable: true }) lockedUntil: Date | null;
}
