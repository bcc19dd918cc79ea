import { Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';

/** One staff read or change of a resident's record (who, what, whose, when). */
@Entity('audit_logs')
@Index('IDX_audit_logs_person', ['personId'])
@Index('IDX_audit_logs_actor', ['actorId'])
export class AuditLog {
  @IdColumn() id: string;
  @RefColumn() actorId: string;
  @TextColumn(30) actorRole: string;
  @TextColumn(60) action: string;
  @RefColumn({ nullable: true }) personId: string | null;
  @TextColumn(40) resource: string;
  @RefColumn({ nullable: true }) resourceId: string | null;
  @TimeColumn() at: Date;
}
