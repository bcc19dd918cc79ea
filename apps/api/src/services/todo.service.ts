import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, FindOptionsWhere, In, IsNull, MoreThanOrEqual } from 'typeorm';
import { addDays, byCodeUnits, dueThisWeek, SERVICE_TYPE_LABELS, todayInChina } from '@jiayi/domain';
import type { Todo, TodoKind } from '@jiayi/contract';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { Contract } from '../contracts/contract.entity';
import { Person } from '../people/person.entity';
import { DownReferralRecord } from '../referrals/down-referral.entity';
import { ReferralRecord } from '../referrals/referral.entity';
import { Team } from '../reference/team.entity';
import { Institution } from '../reference/institution.entity';
import { ServicePlansService } from './service-plans.service';
import { ServiceRecord } from './service-record.entity';
import { staffScope } from './staff-scope';

/** The most urgent items listed; `counts` always count them all. */
const MAX_ITEMS = 500;
/** How far back the list looks for lapsed and rejected contracts and unconfirmed services. */
const LOOK_BACK_DAYS = 90;
const ENDING_WITHIN_DAYS = 30;

type TodoItem = Todo['items'][number];

/**
 * 待办: one list for the team (or one member's residents): services overdue and due this week,
 * contracts ending within 30 days without a renewal and lapsed ones nobody renewed, services the
 * resident has not confirmed, rejected contracts to revisit, referral requests to approve,
 * down-referrals to acknowledge, and referred residents whose hospital wrote back and whom nobody
 * has served since (a service recorded on or after the feedback's day closes it). Each item names
 * the resident to open.
 */
@Injectable()
export class TodoService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: ServicePlansService,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext, mine: boolean, today = todayInChina(new Date())): Promise<Todo> {
    const scope = staffScope(auth);
    const doctorId = mine && auth.doctorId ? auth.doctorId : null;
    const where: FindOptionsWhere<Contract> = { ...scope, ...(doctorId ? { doctorId } : {}) };
    const since = addDays(today, -LOOK_BACK_DAYS);
    const contracts = this.dataSource.getRepository(Contract);
    const referrals = this.dataSource.getRepository(ReferralRecord);
    const referralWhere = { ...scope, ...(doctorId ? { doctorId } : {}) } as FindOptionsWhere<ReferralRecord>;
    const [active, lapsed, rejected, unconfirmed, toApprove, answered, downs] = await Promise.all([
      contracts.find({ where: { ...where, status: 'active' } }),
      contracts.find({ where: { ...where, status: 'expired', endDate: Between(since, today) } }),
      contracts.find({ where: { ...where, status: 'rejected', createdAt: MoreThanOrEqual(new Date(`${since}T00:00:00+08:00`)) } }),
      this.dataSource.getRepository(ServiceRecord).find({
        where: {
          ...scope,
          current: true,
          confirmedAt: IsNull(),
          serviceDate: Between(since, today),
          ...(doctorId ? { recordedByStaffId: auth.accountId } : {}),
        },
      }),
      referrals.find({ where: { ...referralWhere, status: 'requested' } }),
      referrals.find({ where: { ...referralWhere, status: 'visited', feedbackAt: MoreThanOrEqual(new Date(`${since}T00:00:00+08:00`)) } }),
      this.dataSource.getRepository(DownReferralRecord).find({ where: { ...(scope as FindOptionsWhere<DownReferralRecord>), acknowledgedAt: IsNull() } }),
    ]);
    const mineDowns = doctorId ? await this.ofDoctor(downs, doctorId) : downs;
    const followUps = await this.notServedSince(answered);
    const personIds = [...new Set([...active, ...lapsed, ...rejected, ...unconfirmed, ...toApprove, ...followUps, ...mineDowns].map((row) => row.personId))];
    const [persons, open] =
      personIds.length === 0
        ? [[], []]
        : await Promise.all([
            this.dataSource.getRepository(Person).find({ select: { id: true, name: true }, where: { id: In(personIds) } }),
            contracts.find({
              select: { id: true, personId: true, renewalOf: true, status: true },
              where: { personId: In(personIds), status: In(['pending', 'active']) },
            }),
          ]);
    const names = new Map(persons.map((p) => [p.id, p.name]));
    const name = (personId: string) => names.get(personId) ?? '';
    const withOpen = new Set(open.map((c) => c.personId));
    const renewed = new Set(open.flatMap((c) => (c.renewalOf ? [c.renewalOf] : [])));
    const activeById = new Map(active.map((c) => [c.id, c]));
    const items: TodoItem[] = [];
    const push = (
      kind: TodoKind,
      c: Pick<Contract, 'id' | 'personId' | 'doctorId'> | null,
      personId: string,
      title: string,
      date: string,
      extra: Partial<TodoItem> = {},
    ) =>
      items.push({
        kind,
        personId,
        personName: name(personId),
        contractId: c?.id ?? null,
        doctorId: c?.doctorId ?? null,
        serviceId: null,
        planItemId: null,
        referralId: null,
        title,
        date,
        ...extra,
      });

    for (const plan of await this.plans.plans(active, today)) {
      const contract = activeById.get(plan.contractId)!;
      for (const item of plan.items) {
        if (item.state === 'overdue') push('serviceOverdue', contract, contract.personId, item.title, item.windowEnd, { planItemId: item.id });
        else if (dueThisWeek(item, today)) push('serviceDueThisWeek', contract, contract.personId, item.title, item.windowEnd, { planItemId: item.id });
      }
    }
    for (const c of active) {
      if (c.endDate <= addDays(today, ENDING_WITHIN_DAYS) && !renewed.has(c.id)) push('contractEnding', c, c.personId, '签约即将到期，请提醒续约', c.endDate);
    }
    for (const c of lapsed) if (!withOpen.has(c.personId)) push('contractLapsed', c, c.personId, '签约已到期未续约', c.endDate);
    for (const c of rejected)
      if (!withOpen.has(c.personId)) push('contractRejected', c, c.personId, `签约被退回：${c.rejectionReason ?? ''}`, todayInChina(c.createdAt));
    for (const s of unconfirmed) {
      push('serviceUnconfirmed', null, s.personId, `${SERVICE_TYPE_LABELS[s.type]}，居民尚未确认`, s.serviceDate, {
        contractId: s.contractId,
        serviceId: s.id,
      });
    }
    for (const r of toApprove) {
      push('referralToApprove', null, r.personId, `转诊申请待审核：${r.department}`, r.date, {
        contractId: r.contractId,
        doctorId: r.doctorId,
        referralId: r.id,
      });
    }
    for (const d of mineDowns) {
      push('downReferralToAcknowledge', null, d.personId, '医院转回，待团队接收', todayInChina(d.sentAt), { referralId: d.referralId });
    }
    for (const r of followUps) {
      push('referralFollowUp', null, r.personId, `转诊已就诊（${r.department}），医院已回执，请随访`, todayInChina(r.feedbackAt!), {
        contractId: r.contractId,
        doctorId: r.doctorId,
        referralId: r.id,
      });
    }
    items.sort((a, b) => byCodeUnits(a.date, b.date) || byCodeUnits(a.kind, b.kind) || byCodeUnits(a.personId, b.personId));
    const counts: Record<string, number> = {};
    for (const item of items) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
    const listed = items.slice(0, MAX_ITEMS);
    await this.audit.record(auth, 'todo.list', [...new Set(listed.map((i) => i.personId))], 'todo');
    return { today, teamIds: await this.teamIds(scope), doctorId, counts, items: listed };
  }

  /** Down-referrals of referrals this doctor's residents were sent on. */
  private async ofDoctor(downs: DownReferralRecord[], doctorId: string): Promise<DownReferralRecord[]> {
    if (downs.length === 0) return [];
    const theirs = await this.dataSource
      .getRepository(ReferralRecord)
      .find({ select: { id: true }, where: { id: In(downs.map((d) => d.referralId)), doctorId } });
    const ids = new Set(theirs.map((r) => r.id));
    return downs.filter((d) => ids.has(d.referralId));
  }

  /** Answered referrals whose resident has no current service record dated on or after the hospital's feedback. */
  private async notServedSince(answered: ReferralRecord[]): Promise<ReferralRecord[]> {
    if (answered.length === 0) return [];
    const served = await this.dataSource.getRepository(ServiceRecord).find({
      select: { personId: true, serviceDate: true },
      where: { personId: In([...new Set(answered.map((r) => r.personId))]), current: true },
    });
    const latest = new Map<string, string>();
    for (const s of served) if (byCodeUnits(s.serviceDate, latest.get(s.personId) ?? '') > 0) latest.set(s.personId, s.serviceDate);
    return answered.filter((r) => byCodeUnits(latest.get(r.personId) ?? '', todayInChina(r.feedbackAt!)) < 0);
  }

  private async teamIds(scope: ReturnType<typeof staffScope>): Promise<string[]> {
    if ('teamId' in scope) return [scope.teamId];
    const institutionIds =
      'institutionId' in scope
        ? [scope.institutionId]
        : (await this.dataSource.getRepository(Institution).findBy({ regionId: scope.regionId })).map((i) => i.id);
    return (await this.dataSource.getRepository(Team).findBy({ institutionId: In(institutionIds) })).map((t) => t.id);
  }
}
