import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull, LessThanOrEqual, Not } from 'typeorm';
import { checkAudience, effectiveTags, KEY_GROUPS, keyGroupLabel, todayInChina, type PushAudience } from '@jiayi/domain';
import type { AudiencePreview, PushStats, StaffPush } from '@jiayi/contract';
import type { AuthContext } from '../auth/auth-context';
import { StaffAccount } from '../auth/staff-account.entity';
import { notFound, refusal, refusalError } from '../common/api-error';
import { PiiCipher } from '../common/pii-cipher';
import { inTransaction } from '../database/transaction';
import { Person } from '../people/person.entity';
import { Institution } from '../reference/institution.entity';
import { Team } from '../reference/team.entity';
import { AudienceResolver, type Recipient } from './audience-resolver';
import { AudienceDto, PushDto } from './dto/push.dto';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxService } from './outbox.service';
import { Push, PushTarget } from './push.entity';
import { richTextIsEmpty, sanitizeRichText, UPLOAD_URL_PATTERN } from './rich-text';
import { SubscriptionLedger } from './subscription.entity';
import { SubscriptionsService } from './subscriptions.service';

const BODY_MAX_LENGTH = 20_000;
const CHUNK = 1000;

/** The mini-program page a push opens on (the feed's detail page). */
export const pushPage = (id: string) => `news/detail/index?id=${id}`;

/**
 * Health information pushes: clinic admins write for their institution, doctors for their team,
 * region admins for any institution of the region. Publishing resolves the audience to persons,
 * stores one target row per person and queues one WeChat message per subscribed account, all in
 * one transaction — at once, or when the release job reaches `publishAt`.
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
      status: publishAt > now ? 'scheduled' : 'published',
      publishAt: publishAt > now ? publishAt : now,
      withdrawnAt: null,
      targeted: 0,
      targetedByTag: null,
      createdAt: now,
    };
    await inTransaction(this.dataSource, async (manager) => {
      await manager.insert(Push, push);
      if (push.status === 'published') await this.publish(manager, push);
    });
    return (await this.views([await this.dataSource.getRepository(Push).findOneByOrFail({ id: push.id })]))[0];
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
        .where('id = :id AND status IN (:...open)', { id: push.id, open: ['scheduled', 'published'] })
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

  /** Publishes the scheduled pushes whose time has come; each by one instance only (conditional update). */
  async releaseDue(now = new Date()): Promise<number> {
    const due = await this.dataSource
      .getRepository(Push)
      .find({ where: { status: 'scheduled', publishAt: LessThanOrEqual(now) }, select: { id: true }, take: 50 });
    let released = 0;
    for (const { id } of due) {
      const done = await inTransaction(this.dataSource, async (manager) => {
        const claimed = await manager
          .createQueryBuilder()
          .update(Push)
          .set({ status: 'published' })
          .where('id = :id AND status = :scheduled', { id, scheduled: 'scheduled' })
          .execute();
        if (claimed.affected !== 1) return false;
        await this.publish(manager, await manager.getRepository(Push).findOneByOrFail({ id }));
        return true;
      });
      if (done) released++;
    }
    return released;
  }

  /** Resolves the audience today and writes the targets and the outbox, in the caller's transaction. */
  private async publish(manager: EntityManager, push: Push): Promise<void> {
    const recipients = await this.resolver.resolve(manager, push.audience, todayInChina(new Date()));
    for (let start = 0; start < recipients.length; start += CHUNK) {
      await manager.insert(
        PushTarget,
        recipients.slice(start, start + CHUNK).map((r) => ({ pushId: push.id, personId: r.personId, accountId: r.accountId, teamId: r.teamId, readAt: null })),
      );
    }
    const byTag: Record<string, number> = {};
    for (const r of recipients) for (const tag of r.tags) byTag[tag] = (byTag[tag] ?? 0) + 1;
    // One message per account, however many of its family members the push addresses.
    const perAccount = new Map<string, Recipient>();
    for (const r of recipients) if (!perAccount.has(r.accountId) || r.relation === 'self') perAccount.set(r.accountId, r);
    const sender = push.teamId
      ? (await manager.getRepository(Team).findOneBy({ id: push.teamId }))?.name
      : (await manager.getRepository(Institution).findOneBy({ id: push.institutionId }))?.name;
    await this.outbox.enqueue(
      manager,
      'push',
      push.id,
      this.subscriptions.template('push'),
      pushPage(push.id),
      { title: push.title, body: push.summary, time: push.publishAt, sender: sender ?? '家庭医生团队' },
      [...perAccount.values()],
      push.publishAt,
    );
    await manager.update(Push, { id: push.id }, { targeted: recipients.length, targetedByTag: byTag });
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
