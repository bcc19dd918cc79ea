import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { writeOnce } from '../database/transaction';
import { NOTICE_KIND_LABELS, type NoticeKind } from '@jiayi/domain';
import type { Notice } from '@jiayi/contract';
import type { AuthContext } from '../auth/auth-context';
import { notFound } from '../common/api-error';
import { Person } from '../people/person.entity';
import { ResidentNotice } from './resident-notice.entity';

export interface NoticeInput {
  personId: string;
  kind: NoticeKind;
  /** Default: the kind's label. */
  title?: string;
  body: string;
  refType: string;
  refId: string;
  page: string;
}

/** Runs inside the transaction that raised the notice (the outbox queues WeChat messages here). */
export type NoticeHook = (manager: EntityManager, notice: ResidentNotice) => Promise<void>;

/**
 * The one way a feature tells a resident that something happened: `raise` stores the notice in
 * the caller's transaction, once per (kind, ref, person), and runs the registered hooks.
 */
@Injectable()
export class NoticesService {
  private readonly hooks: NoticeHook[] = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Registers a hook run for every new notice (the pushes feature's outbox). */
  onRaised(hook: NoticeHook): void {
    this.hooks.push(hook);
  }

  /** Stores the notice unless the same event was already told to this person; returns it when new. */
  async raise(manager: EntityManager, input: NoticeInput): Promise<ResidentNotice | null> {
    const person = await manager.getRepository(Person).findOne({ where: { id: input.personId }, select: { id: true, accountId: true } });
    if (!person?.accountId) return null;
    const notice = manager.getRepository(ResidentNotice).create({
      id: randomUUID(),
      accountId: person.accountId,
      personId: input.personId,
      kind: input.kind,
      title: input.title ?? NOTICE_KIND_LABELS[input.kind],
      body: input.body.slice(0, 300),
      refType: input.refType,
      refId: input.refId,
      page: input.page,
      createdAt: new Date(),
      readAt: null,
    });
    await manager.createQueryBuilder().insert().into(ResidentNotice).values(notice).orIgnore().execute();
    // The unique key decided: the row is ours only if it carries our id.
    const stored = await manager.getRepository(ResidentNotice).findOneBy({ kind: input.kind, refId: input.refId, personId: input.personId });
    if (!stored || stored.id !== notice.id) return null;
    for (const hook of this.hooks) await hook(manager, stored);
    return stored;
  }

  /** The account's notices (about itself and the family members it manages), newest first. */
  async list(auth: AuthContext, limit = 50): Promise<Notice[]> {
    const rows = await this.dataSource.getRepository(ResidentNotice).find({ where: { accountId: auth.accountId }, order: { createdAt: 'DESC' }, take: limit });
    return rows.map(toView);
  }

  async markRead(auth: AuthContext, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await writeOnce(this.dataSource, (manager) =>
      manager.update(ResidentNotice, { id: In(ids), accountId: auth.accountId, readAt: IsNull() }, { readAt: new Date() }),
    );
  }

  async markOneRead(auth: AuthContext, id: string): Promise<Notice> {
    const repository = this.dataSource.getRepository(ResidentNotice);
    const notice = await repository.findOneBy({ id, accountId: auth.accountId });
    if (!notice) throw notFound('没有找到这条通知');
    if (!notice.readAt) {
      notice.readAt = new Date();
      await writeOnce(this.dataSource, (manager) => manager.update(ResidentNotice, { id, readAt: IsNull() }, { readAt: notice.readAt }));
    }
    return toView(notice);
  }
}

function toView(row: ResidentNotice): Notice {
  return {
    id: row.id,
    personId: row.personId,
    kind: row.kind,
    title: row.title,
    body: row.body,
    refType: row.refType,
    refId: row.refId,
    page: row.page,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}
