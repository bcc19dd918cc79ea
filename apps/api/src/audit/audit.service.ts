import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { writeOnce } from '../database/transaction';
import { AuditLog } from './audit-log.entity';

/** Writes who among the staff read or changed which resident's record. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(
    auth: AuthContext,
    action: string,
    personIds: string[],
    resource: string,
    resourceId: string | null = null,
    manager?: EntityManager,
  ): Promise<void> {
    if (auth.role === 'resident' || personIds.length === 0) return;
    const at = new Date();
    const rows = [...new Set(personIds)].map((personId) => ({
      id: randomUUID(),
      actorId: auth.accountId,
      actorRole: auth.role,
      action,
      personId,
      resource,
      resourceId,
      at,
    }));
    // Inside the caller's transaction when given one, else a statement of its own.
    if (manager) await manager.insert(AuditLog, rows);
    else await writeOnce(this.dataSource, (own) => own.insert(AuditLog, rows));
  }
}
