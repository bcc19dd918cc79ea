import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { checkAudience, effectiveTags, KEY_GROUPS, keyGroupLabel, todayInChina, type PushAudience } from '@jiayi/domain';
import type { AudiencePreview, PushStats, StaffPush } from '@jiayi/contract';
import type { AuthContext } from '../auth/auth-context';
import { StaffAccount } from '../auth/staff-account.entity';
import { notFound, refusal, refusalError } from '../common/api-error';
import { PiiCipher } from '../common/pii-cipher';
import { inTransaction, writeOnce } from '../database/transaction';
import { rollUpPublishedPush } from '../indicators/push-rollup';
import { Person } from '../people/person.entity';
import { Institution } from '../reference/institution.entity';
import { Team } from '../reference/team.entity';
import { AudienceResolver, type Recipient } from './audience-resolver';
import { insertIgnoring } from './bulk-insert';
import { AudienceDto, PushDto } from './dto/push.dto';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxService } from './outbox.service';
import { Push, PushTarget } from './push.entity';
import { richTextIsEmpty, sanitizeRichText, UPLOAD_URL_PATTERN } from './rich-text';
import { SubscriptionLedger } from './subscription.entity';
import { SubscriptionsService } from './subscriptions.service';

const BODY_MAX_LENGTH = 20_000;
const CHUNK = 1000;
/** Persons per release transaction: one multi-row INSERT of targets and at most one of outbox rows. */
const RELEASE_CHUNK = 2000;

/** The mini-program page a push opens on (the feed's detail page). */
export const pushPage = (id: string) => `news/detail/index?id=${id}`;

/**
 * Health information pushes: clinic admins write for their institution, doctors for their team,
 * region admins for any institution of the region. Publishing stores the push — `releasing` when
 * due now, `scheduled` for later — and answers at once; the release job (`releaseDue`) resolves
 * the audience to persons, stores one target row per person and queues one WeChat message per
 * subscribed account, in chunks of their own short transactions, then marks it `published`.
 */
@Injectable()
export class PushesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resolver: AudienceResolver,
    private readonly outbox: OutboxService,
    private readonly subscriptions: SubscriptionsService,
    private readonly cipher: PiiCipher,
  ) {}

  async create(auth: AuthContext, dto: PushDto): Promise<StaffPush> {
    const area = await this.area(auth, dto.audience);
    const body = sanitizeRichText(dto.body);
    if (richTextIsEmpty(body)) throw refusal('PUSH.BODY_EMPTY', '正文不能为空', 'body');
    if (body.length > BODY_MAX_LENGTH) throw refusal('PUSH.BODY_TOO_LONG', `正文最多${BODY_MAX_LENGTH}字符`, 'body');
    if (dto.coverUrl !== undefined && !UPLOAD_URL_PATTERN.test(dto.coverUrl)) throw refusal('PUSH.COVER_URL', '封面只能使用上传的图片', 'coverUrl');
    const now = new Date();
    const publishAt = dto.publishAt ? new Date(dto.publishAt) : now;
    if (publishAt.getTime() < now.getTime() - 60_000) throw refusal('PUSH.PUBLISH_AT_PAST', '定时发布的时间已过，请重新选择', 'publishAt');
    const author = await this.dataSource.getRepository(StaffAccount).findOneByOrFail({ id: auth.accountId });
    const push: Push = {
      id: randomUUID(),
      regionId: area.regionId,
      institutionId: area.institutionId,
      teamId: area.teamId,
      authorStaffId: auth.accountId,
      authorName: author.name,
      title: dto.title,
      summary: dto.summary,
      body,
      category: dto.category,
      coverUrl: dto.coverUrl ?? null,
      audience: area.audience,
      status: publishAt > now ? 'scheduled' : 'releasing',
      publishAt: publishAt > now ? publishAt : now,
      withdrawnAt: null,
      targeted: 0,
      targetedByTag: null,
      releaseCursor: null,
      createdAt: now,
    };
    await writeOnce(this.dataSource, (manager) => manager.insert(Push, push));
    return (await this.views([push]))[0];
  }

  async preview(auth: AuthContext, audience: AudienceDto): Promise<AudiencePreview> {
    const area = await this.area(auth, audience);
    const recipients = await this.resolver.resolve(this.dataSource.manager, area.audience, todayInChina(new Date()));
    return { count: recipients.length };
  }

  async list(auth: AuthContext): Promise<StaffPush[]> {
    const pushes = await this.dataSource.getRepository(Push).find({ where: this.scope(auth), order: { createdAt: 'DESC', id: 'ASC' }, take: 200 });
    return this.views(pushes);
  }

  /** The push leaves every feed; messages not yet sent are cancelled. */
  async withdraw(auth: AuthContext, id: string): Promise<StaffPush> {
    const push = await this.inScope(auth, id);
    await inTransaction(this.dataSource, async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Push)
        .set({ status: 'withdrawn', withdrawnAt: new Date() })
        .where('id = :id AND status IN (:...open)', { id: push.id, open: ['scheduled', 'releasing', 'published'] })
        .execute();
      if (result.affected !== 1) throw refusal('PUSH.ALREADY_WITHDRAWN', '这条资讯已经撤回', 'id');
      await manager.update(OutboxMessage, { sourceType: 'push', sourceId: push.id, status: 'pending' }, { status: 'cancelled' });
    });
    return (await this.views([await this.dataSource.getRepository(Push).findOneByOrFail({ id: push.id })]))[0];
  }

  async stats(auth: AuthContext, id: string): Promise<PushStats> {
    const push = await this.inScope(auth, id);
    const targets = this.dataSource.getRepository(PushTarget);
    const messages = this.dataSource.getRepository(OutboxMessage);
    const [read, notifiedRows, queued, noQuota] = await Promise.all([
      targets.count({ where: { pushId: push.id, readAt: Not(IsNull()) } }),
      messages.find({ where: { sourceType: 'push', sourceId: push.id, status: 'sent' }, select: { personId: true } }),
      messages.count({ where: { sourceType: 'push', sourceId: push.id, status: 'pending' } }),
      messages.count({ where: { sourceType: 'push', sourceId: push.id, status: 'noQuota' } }),
    ]);
    const notifiedIds = new Set(notifiedRows.map((m) => m.personId));
    const teamRows: { teamId: string | null; targeted: string | number; read: string | number }[] = await targets
      .createQueryBuilder('t')
      .select('t.teamId', 'teamId')
      .addSelect('COUNT(*)', 'targeted')
      .addSelect('SUM(CASE WHEN t.readAt IS NULL THEN 0 ELSE 1 END)', 'read')
      .where('t.pushId = :id', { id: push.id })
      .groupBy('t.teamId')
      .getRawMany();
    const readers = await targets.find({ where: { pushId: push.id, readAt: Not(IsNull()) }, select: { personId: true, teamId: true } });
    const notifiedByTeam = new Map<string | null, number>();
    if (notifiedIds.size > 0) {
      for (let start = 0, ids = [...notifiedIds]; start < ids.length; start += CHUNK) {
        const rows = await targets.find({ where: { pushId: push.id, personId: In(ids.slice(start, start + CHUNK)) }, select: { teamId: true } });
        for (const row of rows) notifiedByTeam.set(row.teamId, (notifiedByTeam.get(row.teamId) ?? 0) + 1);
      }
    }
    const teams = await this.dataSource.getRepository(Team).findBy({ id: In(teamRows.flatMap((r) => (r.teamId ? [r.teamId] : []))) });
    const byTeam = teamRows.map((row) =>
      breakdownRow(
        row.teamId ?? 'unsigned',
        row.teamId ? (teams.find((t) => t.id === row.teamId)?.name ?? row.teamId) : '未签约',
        Number(row.targeted),
        notifiedByTeam.get(row.teamId) ?? 0,
        Number(row.read),
      ),
    );
    const on = todayInChina(push.publishAt);
    const [readTags, notifiedTags] = await Promise.all([
      this.tagCounts(
        readers.map((r) => r.personId),
        on,
      ),
      this.tagCounts([...notifiedIds], on),
    ]);
    const byKeyGroup = KEY_GROUPS.filter((g) => (push.targetedByTag?.[g.code] ?? 0) > 0).map((g) =>
      breakdownRow(g.code, keyGroupLabel(g.code), push.targetedByTag![g.code], notifiedTags.get(g.code) ?? 0, readTags.get(g.code) ?? 0),
    );
    const template = this.subscriptions.template('push');
    const refusals = await this.dataSource
      .getRepository(SubscriptionLedger)
      .createQueryBuilder('s')
      .select('COALESCE(SUM(s.refusals), 0)', 'n')
      .where('s.templateId = :templateId AND s.accountId IN (SELECT t.accountId FROM push_targets t WHERE t.pushId = :id)', {
        templateId: template.templateId,
        id: push.id,
      })
      .getRawOne<{ n: string | number }>();
    return {
      targeted: push.targeted,
      notified: notifiedIds.size,
      read,
      notifiedRate: rate(notifiedIds.size, push.targeted),
      readRate: rate(read, push.targeted),
      queued,
      byTeam,
      byKeyGroup,
      templates: [{ templateId: template.templateId, purpose: 'push', refusals: Number(refusals?.n ?? 0), noQuota }],
    };
  }

  /**
   * The release job's work (outbox.job.ts runs it under a lease, in every instance): scheduled
   * pushes whose time has come become `releasing`, and every releasing push is released. Safe to
   * run in several instances at once. Returns how many pushes this call saw to `published`.
   * `stopping` is asked between chunks: an instance shutting down leaves the rest to the next round.
   */
  async releaseDue(now = new Date(), stopping: () => boolean = () => false): Promise<number> {
    await writeOnce(this.dataSource, (manager) =>
      manager
        .createQueryBuilder()
        .update(Push)
        .set({ status: 'releasing' })
        .where('status = :scheduled AND publishAt <= :now', { scheduled: 'scheduled', now })
        .execute(),
    );
    const releasing = await this.dataSource
      .getRepository(Push)
      .find({ where: { status: 'releasing' }, select: { id: true }, order: { publishAt: 'ASC', id: 'ASC' }, take: 20 });
    let released = 0;
    for (const { id } of releasing) {
      if (stopping()) break;
      if (await this.release(id, { stopping })) released++;
    }
    return released;
  }

  /**
   * Resolves the push's audience today and writes its targets and outbox rows in chunks of
   * RELEASE_CHUNK persons, each chunk one short transaction that first moves `releaseCursor` on
   * the push row while it is still `releasing` (so a withdraw, which changes that row, and a chunk
   * are ordered: on one server by the row lock, on a Galera cluster by certification). Rows are
   * inserted ignoring existing keys, so a release cut short, or run by two instances at once, writes
   * each target and message once; a resumed release starts after the cursor. The last transaction
   * counts the targets and marks the push published. False when the push is no longer releasing
   * (withdrawn, or finished by another instance). `options` are for tests: a smaller chunk, and a
   * step awaited after each committed chunk (to cut a release short, or withdraw in the middle).
   */
  async release(id: string, options: { chunkSize?: number; afterChunk?: (written: number) => Promise<void>; stopping?: () => boolean } = {}): Promise<boolean> {
    const chunkSize = options.chunkSize ?? RELEASE_CHUNK;
    const push = await this.dataSource.getRepository(Push).findOneBy({ id });
    if (push?.status !== 'releasing') return false;
    const recipients = (await this.resolver.resolve(this.dataSource.manager, push.audience, todayInChina(new Date()))).sort((a, b) =>
      a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0,
    );
    // One message per account, however many of its family members the push addresses (the holder when addressed).
    const perAccount = new Map<string, Recipient>();
    for (const r of recipients)
      if (!perAccount.has(r.accountId) || (r.relation === 'self' && perAccount.get(r.accountId)!.relation !== 'self')) perAccount.set(r.accountId, r);
    const messaged = new Set([...perAccount.values()].map((r) => r.personId));
    const sender = push.teamId
      ? (await this.dataSource.getRepository(Team).findOneBy({ id: push.teamId }))?.name
      : (await this.dataSource.getRepository(Institution).findOneBy({ id: push.institutionId }))?.name;
    const content = { title: push.title, body: push.summary, time: push.publishAt, sender: sender ?? '家庭医生团队' };
    const template = this.subscriptions.template('push');
    const cursor = push.releaseCursor;
    const remaining = cursor === null ? recipients : recipients.filter((r) => r.personId > cursor);
    for (let start = 0; start < remaining.length; start += chunkSize) {
      const chunk = remaining.slice(start, start + chunkSize);
      const written = await inTransaction(this.dataSource, async (manager) => {
        const guard = await manager
          .createQueryBuilder()
          .update(Push)
          .set({ releaseCursor: chunk[chunk.length - 1].personId })
          .where('id = :id AND status = :releasing', { id, releasing: 'releasing' })
          .execute();
        if (guard.affected !== 1) return false;
        await insertIgnoring(
          manager,
          PushTarget,
          chunk.map((r) => ({ pushId: id, personId: r.personId, accountId: r.accountId, teamId: r.teamId, readAt: null })),
          chunkSize,
        );
        const toMessage = chunk.filter((r) => messaged.has(r.personId));
        await this.outbox.enqueue(manager, 'push', id, template, pushPage(id), content, toMessage, push.publishAt);
        return true;
      });
      if (!written) return false;
      await options.afterChunk?.(start + chunk.length);
      if (options.stopping?.()) return false;
    }
    const byTag: Record<string, number> = {};
    for (const r of recipients) for (const tag of r.tags) byTag[tag] = (byTag[tag] ?? 0) + 1;
    return inTransaction(this.dataSource, async (manager) => {
      const targeted = await manager.getRepository(PushTarget).countBy({ pushId: id });
      const done = await manager
        .createQueryBuilder()
        .update(Push)
        .set({ status: 'published', targeted, targetedByTag: byTag, releaseCursor: null })
        .where('id = :id AND status = :releasing', { id, releasing: 'releasing' })
        .execute();
      if (done.affected !== 1) return false;
      // Its targets count for 推送覆盖率 from the moment it is published: rolled up here, not by the dashboard that asks next.
      await rollUpPublishedPush(manager, { id, publishAt: push.publishAt });
      return true;
    });
  }

  private async tagCounts(personIds: string[], on: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (let start = 0; start < personIds.length; start += CHUNK) {
      const persons = await this.dataSource
        .getRepository(Person)
        .find({ where: { id: In(personIds.slice(start, start + CHUNK)) }, select: { id: true, birthDate: true, declaredTagsCipher: true } });
      for (const person of persons) {
        for (const tag of effectiveTags(person.birthDate, this.cipher.decryptJson<string[]>(person.declaredTagsCipher), on))
          counts.set(tag, (counts.get(tag) ?? 0) + 1);
      }
    }
    return counts;
  }

  private async views(pushes: Push[]): Promise<StaffPush[]> {
    if (pushes.length === 0) return [];
    const reads: { pushId: string; n: string | number }[] = await this.dataSource
      .getRepository(PushTarget)
      .createQueryBuilder('t')
      .select('t.pushId', 'pushId')
      .addSelect('COUNT(*)', 'n')
      .where('t.pushId IN (:...ids) AND t.readAt IS NOT NULL', { ids: pushes.map((p) => p.id) })
      .groupBy('t.pushId')
      .getRawMany();
    return pushes.map((p) => ({
      id: p.id,
      title: p.title,
      summary: p.summary,
      body: p.body,
      category: p.category,
      coverUrl: p.coverUrl,
      status: p.status,
      audience: p.audience,
      institutionId: p.institutionId,
      teamId: p.teamId,
      authorName: p.authorName,
      publishAt: p.publishAt.toISOString(),
      withdrawnAt: p.withdrawnAt?.toISOString() ?? null,
      createdAt: p.createdAt.toISOString(),
      targeted: p.targeted,
      read: Number(reads.find((r) => r.pushId === p.id)?.n ?? 0),
    }));
  }

  private scope(auth: AuthContext): { teamId: string } | { institutionId: string } | { regionId: string } {
    if (auth.role === 'doctor' && auth.teamId) return { teamId: auth.teamId };
    if (auth.role === 'clinicAdmin' && auth.institutionId) return { institutionId: auth.institutionId };
    if (auth.role === 'regionAdmin' && auth.regionId) return { regionId: auth.regionId };
    throw notFound();
  }

  private async inScope(auth: AuthContext, id: string): Promise<Push> {
    const push = await this.dataSource.getRepository(Push).findOneBy({ id, ...this.scope(auth) });
    if (!push) throw notFound('没有找到这条资讯');
    return push;
  }

  /** The area the caller may address: a doctor their team, a clinic admin their institution (or one of its teams), a region admin the region's. */
  private async area(
    auth: AuthContext,
    input: AudienceDto,
  ): Promise<{ regionId: string; institutionId: string; teamId: string | null; audience: PushAudience }> {
    const scope = this.scope(auth);
    const teamId = 'teamId' in scope ? scope.teamId : input.teamId;
    const team = teamId ? await this.dataSource.getRepository(Team).findOneBy({ id: teamId }) : null;
    if (teamId && (!team || (input.teamId && input.teamId !== teamId))) throw notFound('没有找到这个家庭医生团队');
    const institutionId = team?.institutionId ?? ('institutionId' in scope ? scope.institutionId : input.institutionId);
    if (input.institutionId && input.institutionId !== institutionId) throw notFound('没有找到这个机构');
    const institution = institutionId ? await this.dataSource.getRepository(Institution).findOneBy({ id: institutionId }) : null;
    const visible =
      institution && ('institutionId' in scope ? institution.id === scope.institutionId : 'regionId' in scope ? institution.regionId === scope.regionId : true);
    if (!institutionId) throw refusal('PUSH.AUDIENCE_AREA', '请选择推送的机构或团队', 'audience.institutionId');
    if (!visible) throw notFound(team ? '没有找到这个家庭医生团队' : '没有找到这个机构');
    const { institutionId: _i, teamId: _t, ...dimensions } = input;
    const checked = checkAudience({ ...dimensions, institutionId: institution.id, ...(team ? { teamId: team.id } : {}) });
    if (!checked.ok) throw refusalError(checked);
    return { regionId: institution.regionId, institutionId: institution.id, teamId: team?.id ?? null, audience: stripUndefined(checked.value) };
  }
}

function breakdownRow(key: string, label: string, targeted: number, notified: number, read: number) {
  return { key, label, targeted, notified, read, readRate: rate(read, targeted) };
}

function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}
