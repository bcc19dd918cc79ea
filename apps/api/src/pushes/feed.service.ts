import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { writeOnce } from '../database/transaction';
import type { PushCategory } from '@jiayi/domain';
import type { FeedItem, FeedItemDetail } from '@jiayi/contract';
import type { AuthContext } from '../auth/auth-context';
import { notFound } from '../common/api-error';
import { Person } from '../people/person.entity';
import { Push, PushTarget } from './push.entity';

const FEED_LIMIT = 100;

/**
 * The resident's 资讯 feed: published pushes (and those being released, once the resident's target
 * row is written) addressed to the account holder or any family member
 * the account manages, newest first. Opening one records one read for one person (the holder
 * when addressed, else the first family member addressed): a conditional update of that target
 * row, so a read is counted once however often it is opened.
 */
@Injectable()
export class FeedService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(auth: AuthContext, category?: PushCategory): Promise<FeedItem[]> {
    const query = this.dataSource
      .getRepository(Push)
      .createQueryBuilder('p')
      .where('p.id IN (SELECT t.pushId FROM push_targets t WHERE t.accountId = :accountId)', { accountId: auth.accountId })
      .andWhere('p.status IN (:...visible)', { visible: ['releasing', 'published'] })
      .orderBy('p.publishAt', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .take(FEED_LIMIT);
    if (category) query.andWhere('p.category = :category', { category });
    const pushes = await query.getMany();
    if (pushes.length === 0) return [];
    const read = await this.dataSource.getRepository(PushTarget).find({
      where: { accountId: auth.accountId, pushId: In(pushes.map((p) => p.id)), readAt: Not(IsNull()) },
      select: { pushId: true },
    });
    const readIds = new Set(read.map((r) => r.pushId));
    return pushes.map((p) => view(p, readIds.has(p.id)));
  }

  async open(auth: AuthContext, id: string): Promise<FeedItemDetail> {
    const targets = await this.dataSource.getRepository(PushTarget).find({ where: { pushId: id, accountId: auth.accountId }, order: { personId: 'ASC' } });
    const push = targets.length > 0 ? await this.dataSource.getRepository(Push).findOneBy({ id }) : null;
    if (!push || push.status === 'scheduled') throw notFound('没有找到这条资讯');
    if (push.status === 'withdrawn')
      return {
        ...view(
          push,
          targets.some((t) => t.readAt),
        ),
        body: '',
      };
    if (!targets.some((t) => t.readAt)) {
      const self = await this.dataSource.getRepository(Person).findOne({ where: { accountId: auth.accountId, relation: 'self' }, select: { id: true } });
      const reader = targets.find((t) => t.personId === self?.id) ?? targets[0];
      await writeOnce(this.dataSource, (manager) =>
        manager.update(PushTarget, { pushId: push.id, personId: reader.personId, readAt: IsNull() }, { readAt: new Date() }),
      );
    }
    return { ...view(push, true), body: push.body };
  }
}

function view(push: Push, read: boolean): FeedItem {
  return {
    id: push.id,
    title: push.title,
    summary: push.summary,
    category: push.category,
    coverUrl: push.coverUrl,
    publishedAt: push.publishAt.toISOString(),
    read,
    withdrawn: push.status === 'withdrawn',
  };
}
