import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { checkFeedbackTransition, FEEDBACK_KIND_LABELS } from '@jiayi/domain';
import type { Feedback, StaffFeedback } from '@jiayi/contract';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { StaffAccount } from '../auth/staff-account.entity';
import { notFound, refusal, refusalError } from '../common/api-error';
import { Contract } from '../contracts/contract.entity';
import { inTransaction, writeOnce } from '../database/transaction';
import { NoticesService } from '../notices/notices.service';
import { Person } from '../people/person.entity';
import { UPLOAD_URL_PATTERN } from '../pushes/rich-text';
import { Team } from '../reference/team.entity';
import { FeedbackDto, FeedbackUpdateDto } from './feedback.dto';
import { FeedbackRecord } from './feedback.entity';

const DAY_MS = 86_400_000;

/**
 * 居民反馈 / 投诉: a resident writes about the team they signed with; it lands in the team's
 * institution's queue. Staff take it on (待处理 → 处理中) and close it with a reply (→ 已办结),
 * each step a conditional update from the status they saw; the reply raises a notice.
 */
@Injectable()
export class FeedbackService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
  ) {}

  async send(auth: AuthContext, dto: FeedbackDto): Promise<Feedback> {
    if (dto.photoUrl !== undefined && !UPLOAD_URL_PATTERN.test(dto.photoUrl)) throw refusal('FEEDBACK.PHOTO_URL', '照片只能使用上传的图片', 'photoUrl');
    const persons = await this.dataSource.getRepository(Person).find({ where: { accountId: auth.accountId }, select: { id: true, relation: true } });
    const contracts = persons.length
      ? await this.dataSource
          .getRepository(Contract)
          .find({ where: { personId: In(persons.map((p) => p.id)), status: In(['active', 'pending']) }, order: { createdAt: 'DESC' } })
      : [];
    const self = persons.find((p) => p.relation === 'self');
    const contract = contracts.find((c) => c.personId === self?.id && c.status === 'active') ?? contracts.find((c) => c.status === 'active') ?? contracts[0];
    if (!contract) throw refusal('FEEDBACK.NO_TEAM', '签约家庭医生团队后才能反馈，请先签约', 'kind');
    const now = new Date();
    const record: FeedbackRecord = {
      id: randomUUID(),
      accountId: auth.accountId,
      personId: contract.personId,
      teamId: contract.teamId,
      institutionId: contract.institutionId,
      regionId: contract.regionId,
      kind: dto.kind,
      category: dto.category,
      text: dto.text,
      photoUrl: dto.photoUrl ?? null,
      status: 'open',
      reply: null,
      handlerStaffId: null,
      handlerName: null,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
    await writeOnce(this.dataSource, (manager) => manager.insert(FeedbackRecord, record));
    return (await this.views([record]))[0];
  }

  async mine(auth: AuthContext): Promise<Feedback[]> {
    return this.views(
      await this.dataSource.getRepository(FeedbackRecord).find({ where: { accountId: auth.accountId }, order: { createdAt: 'DESC' }, take: 100 }),
    );
  }

  async queue(auth: AuthContext, status?: FeedbackRecord['status']): Promise<StaffFeedback[]> {
    const rows = await this.dataSource.getRepository(FeedbackRecord).find({
      where: { ...this.scope(auth), ...(status ? { status } : {}) },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: 500,
    });
    const views = await this.staffViews(rows);
    await this.audit.record(
      auth,
      'feedback.list',
      rows.map((r) => r.personId),
      'feedback',
    );
    return views;
  }

  async update(auth: AuthContext, id: string, dto: FeedbackUpdateDto): Promise<StaffFeedback> {
    const record = await this.dataSource.getRepository(FeedbackRecord).findOneBy({ id, ...this.scope(auth) });
    if (!record) throw notFound('没有找到这条反馈');
    const reply = dto.reply ?? '';
    const checked = checkFeedbackTransition(record.status, dto.status, reply);
    if (!checked.ok) throw refusalError(checked);
    const handler = await this.dataSource.getRepository(StaffAccount).findOneByOrFail({ id: auth.accountId });
    const now = new Date();
    await inTransaction(this.dataSource, async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(FeedbackRecord)
        .set({
          status: dto.status,
          handlerStaffId: handler.id,
          handlerName: handler.name,
          updatedAt: now,
          ...(dto.status === 'closed' ? { reply, closedAt: now } : {}),
        })
        .where('id = :id AND status = :from', { id: record.id, from: record.status })
        .execute();
      if (result.affected !== 1) throw refusal('FEEDBACK.INVALID_TRANSITION', '这条反馈刚被其他人处理过，请刷新后再试', 'status');
      if (dto.status === 'closed') {
        await this.notices.raise(manager, {
          personId: record.personId,
          kind: 'feedbackReplied',
          body: `您的${FEEDBACK_KIND_LABELS[record.kind]}已办结：${reply}`,
          refType: 'feedback',
          refId: record.id,
          page: '/news/feedback/index',
        });
      }
      await this.audit.record(auth, `feedback.${dto.status}`, [record.personId], 'feedback', record.id, manager);
    });
    const stored = await this.dataSource.getRepository(FeedbackRecord).findOneByOrFail({ id: record.id });
    return (await this.staffViews([stored]))[0];
  }

  private scope(auth: AuthContext): { teamId: string } | { institutionId: string } | { regionId: string } {
    if (auth.role === 'doctor' && auth.teamId) return { teamId: auth.teamId };
    if (auth.role === 'clinicAdmin' && auth.institutionId) return { institutionId: auth.institutionId };
    if (auth.role === 'regionAdmin' && auth.regionId) return { regionId: auth.regionId };
    throw notFound();
  }

  private async views(rows: FeedbackRecord[]): Promise<Feedback[]> {
    const teams = rows.length ? await this.dataSource.getRepository(Team).findBy({ id: In([...new Set(rows.map((r) => r.teamId))]) }) : [];
    const now = Date.now();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      category: r.category,
      text: r.text,
      photoUrl: r.photoUrl,
      status: r.status,
      reply: r.reply,
      teamId: r.teamId,
      teamName: teams.find((t) => t.id === r.teamId)?.name ?? '',
      handlerName: r.handlerName,
      createdAt: r.createdAt.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
      daysOpen: Math.floor(((r.closedAt?.getTime() ?? now) - r.createdAt.getTime()) / DAY_MS),
    }));
  }

  private async staffViews(rows: FeedbackRecord[]): Promise<StaffFeedback[]> {
    const persons = rows.length
      ? await this.dataSource.getRepository(Person).find({ where: { id: In([...new Set(rows.map((r) => r.personId))]) }, select: { id: true, name: true } })
      : [];
    return (await this.views(rows)).map((view, i) => ({ ...view, residentName: persons.find((p) => p.id === rows[i].personId)?.name ?? '' }));
  }
}
