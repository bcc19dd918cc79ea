import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TextColumn } from '../database/columns';

/** Who runs a periodic job until when (milliseconds since the epoch, by the database's clock). */
@Entity('job_leases')
export class JobLease {
  @PrimaryColumn({ type: 'varchar', length: 60 }) name: string;
  @TextColumn(100) holder: string;
  /** BIGINT: comes back as a string from MariaDB. */
  @Column({ type: 'bigint' }) until: string;
}
