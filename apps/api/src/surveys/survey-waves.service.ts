import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt, randomUUID } from 'node:crypto';
import { DataSource, FindOptionsWhere, In } from 'typeorm';
import { ageOn, Questionnaire, rate, todayInChina } from '@jiayi/domain';
import type { AuthContext } from '../auth/auth-context';
import { AuditService } from '../audit/audit.service';
import { badRequest, forbidden, notFound } from '../common/api-error';
import { PiiCipher } from '../common/pii-cipher';
import { Person } from '../people/person.entity';
import { Institution } from '../reference/institution.entity';
import { Region } from '../reference/region.entity';
import { Team } from '../reference/team.entity';
import { CorrectPhoneDto, CreateSurveyWaveDto, RecordCallDto } from './dto/survey-wave.dto';
import { QuestionnaireRecord } from './questionnaire.entity';
import { SurveyCall } from './survey-call.entity';
import { SurveyResponse } from './survey-response.entity';
import { CallOutcome, SurveySampleMember } from './survey-sample-member.entity';
import { staffScope } from '../auth/staff-scope';
import { contractScopeCondition, Placement, waveContains, waveOverlapsStaffScope, waveWithinStaffScope } from './survey-scope';
import { SurveyWave } from './survey-wave.entity';
import { inTransaction } from '../database/transaction';
import type { Fieldwork, ResidentWaveSummary, SampleMember, StaffWave, SurveyCall as SurveyCallView } from '@jiayi/contract';

export interface LoadedWave {
  wave: SurveyWave;
  questionnaire: Questionnaire & { id: string };
}

const REACHED: CallOutcome[] = ['connected', 'refused'];
const NUMBER_TO_CORRECT: CallOutcome[] = ['emptyNumber', 'wrongNumber'];

/** Survey waves: creation with the random sample, listing by scope, and the phone follow-up. */
@Injectable()
export class SurveyWavesService {
  /** Waves and questionnaire versions never change once written, so they are kept after the first read. */
  private readonly loaded = new Map<string, LoadedWave>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: PiiCipher,
  ) {}

  async load(waveId: string): Promise<LoadedWave | null> {
    const cached = this.loaded.get(waveId);
    if (cached) return cached;
    const wave = await this.dataSource.getRepository(SurveyWave).findOneBy({ id: waveId });
    if (!wave) return null;
    const record = await this.dataSource.getRepository(QuestionnaireRecord).findOneByOrFail({ id: wave.questionnaireId });
    const loaded = { wave, questionnaire: { ...record.definition, id: record.id } };
    if (this.loaded.size >= 1000) this.loaded.clear();
    this.loaded.set(waveId, loaded);
    return loaded;
  }

  /** A wave the caller may see, or 404 (a wave outside the scope is not revealed). */
  async forStaff(auth: AuthContext, waveId: string, need: 'report' | 'fieldwork'): Promise<LoadedWave> {
    const loaded = await this.load(waveId);
    const allowed = loaded && (need === 'report' ? waveWithinStaffScope(auth, loaded.wave) : waveOverlapsStaffScope(auth, loaded.wave));
    if (!allowed) throw notFound('没有找到这个调查批次');
    return loaded;
  }

  async create(auth: AuthContext, dto: CreateSurveyWaveDto): Promise<StaffWave> {
    const opensAt = new Date(dto.opensAt);
    const closesAt = new Date(dto.closesAt);
    if (!(closesAt > opensAt)) throw badRequest('closesAt', '结束时间须晚于开始时间');
    const questionnaire = await this.dataSource.getRepository(QuestionnaireRecord).findOneBy({ id: dto.questionnaireId, regionId: auth.regionId! });
    if (!questionnaire) throw badRequest('questionnaireId', '没有找到这份问卷');
    const place = await this.placeOfScope(dto.scopeType, dto.scopeId);
    const wave: SurveyWave = {
      id: randomUUID(),
      regionId: place?.regionId ?? '',
      questionnaireId: questionnaire.id,
      title: dto.title.trim(),
      scopeType: dto.scopeType,
      scopeId: dto.scopeId,
      institutionId: place?.institutionId ?? null,
      teamId: place?.teamId ?? null,
      opensAt,
      closesAt,
      sampleSize: null,
      createdBy: auth.accountId,
      createdAt: new Date(),
    };
    if (!place) throw badRequest('scopeId', '调查范围不存在');
    if (!waveWithinStaffScope(auth, wave)) throw forbidden('调查范围超出了您的管理范围');

    return inTransaction(this.dataSource, async (manager) => {
      let sample: { personId: string; teamId: string; institutionId: string }[] = [];
      if (dto.sampleSize !== undefined) {
        const condition = contractScopeCondition(wave);
        const signed: { personId: string; teamId: string; institutionId: string }[] = await manager.query(
          `SELECT c.personId, MIN(c.teamId) AS teamId, MIN(c.institutionId) AS institutionId FROM contracts c
            WHERE c.status = 'active' AND ${condition.sql} GROUP BY c.personId ORDER BY c.personId`,
          condition.params,
        );
        sample = drawSample(signed, dto.sampleSize);
        wave.sampleSize = sample.length;
      }
      await manager.insert(SurveyWave, wave);
      for (let i = 0; i < sample.length; i += 500) {
        await manager.insert(
          SurveySampleMember,
          sample.slice(i, i + 500).map((m) => ({
            waveId: wave.id,
            ...m,
            calls: 0,
            lastOutcome: null,
            lastCalledAt: null,
            reached: false,
          })),
        );
      }
      return this.view(wave, 0, questionnaire.title);
    });
  }

  async list(auth: AuthContext): Promise<StaffWave[]> {
    const scope = staffScope(auth);
    if (!scope) return [];
    const waves = (await this.dataSource.getRepository(SurveyWave).find({ where: { regionId: scope.regionId }, order: { opensAt: 'DESC' } })).filter((w) =>
      waveOverlapsStaffScope(auth, w),
    );
    const respondents = await this.respondentCounts(waves.map((w) => w.id));
    const titles = await this.questionnaireTitles(waves.map((w) => w.questionnaireId));
    return waves.map((w) => this.view(w, respondents.get(w.id) ?? 0, titles.get(w.questionnaireId) ?? ''));
  }

  /** Open waves whose scope contains the resident, and whether the resident has answered each. */
  async openFor(placement: Placement, now = new Date()): Promise<ResidentWaveSummary[]> {
    if (!placement.regionId) return [];
    const waves = (await this.dataSource.getRepository(SurveyWave).find({ where: { regionId: placement.regionId }, order: { closesAt: 'ASC' } })).filter(
      (w) => w.opensAt <= now && now < w.closesAt && waveContains(w, placement),
    );
    if (waves.length === 0) return [];
    const answered = new Set<string>(
      (
        await this.dataSource.query(`SELECT waveId FROM survey_responses WHERE personId = ? AND waveId IN (${waves.map(() => '?').join(', ')})`, [
          placement.personId,
          ...waves.map((w) => w.id),
        ])
      ).map((r: { waveId: string }) => r.waveId),
    );
    const titles = await this.questionnaireTitles(waves.map((w) => w.questionnaireId));
    return waves.map((w) => ({
      id: w.id,
      title: w.title,
      questionnaireTitle: titles.get(w.questionnaireId) ?? '',
      opensAt: w.opensAt.toISOString(),
      closesAt: w.closesAt.toISOString(),
      answered: answered.has(w.id),
    }));
  }

  async hasAnswered(waveId: string, personId: string): Promise<boolean> {
    const rows = await this.dataSource.query('SELECT 1 AS x FROM survey_responses WHERE waveId = ? AND personId = ?', [waveId, personId]);
    return rows.length > 0;
  }

  /** The sample members the caller phones (within the caller's scope), with phone numbers: audited. */
  async sample(auth: AuthContext, waveId: string): Promise<SampleMember[]> {
    const { wave } = await this.forStaff(auth, waveId, 'fieldwork');
    const members = await this.visibleMembers(auth, wave.id);
    const people = await this.people(members.map((m) => m.personId));
    const responded = await this.respondedAmong(
      wave.id,
      members.map((m) => m.personId),
    );
    await this.audit.record(
      auth,
      'survey.sample.read',
      members.map((m) => m.personId),
      'survey_wave',
      wave.id,
    );
    const today = todayInChina(new Date());
    return members.map((m) => {
      const person = people.get(m.personId);
      return {
        personId: m.personId,
        name: person?.name ?? '',
        idNumberMasked: person?.idNumberMasked ?? '',
        age: person ? ageOn(person.birthDate, today) : null,
        phone: person?.phoneCipher ? this.cipher.decrypt(person.phoneCipher) : null,
        teamId: m.teamId,
        calls: m.calls,
        lastOutcome: m.lastOutcome,
        lastCalledAt: m.lastCalledAt?.toISOString() ?? null,
        responded: responded.has(m.personId),
      };
    });
  }

  async recordCall(auth: AuthContext, waveId: string, dto: RecordCallDto): Promise<SurveyCallView> {
    const { wave } = await this.forStaff(auth, waveId, 'fieldwork');
    const member = (await this.visibleMembers(auth, wave.id, dto.personId))[0];
    if (!member) throw notFound('这位居民不在本次调查的抽样名单中');
    const call: SurveyCall = {
      id: randomUUID(),
      waveId: wave.id,
      personId: member.personId,
      outcome: dto.outcome,
      note: dto.note?.trim() || null,
      calledBy: auth.accountId,
      calledAt: new Date(),
    };
    await inTransaction(this.dataSource, async (manager) => {
      await manager.insert(SurveyCall, call);
      await manager
        .createQueryBuilder()
        .update(SurveySampleMember)
        .set({
          calls: () => 'calls + 1',
          lastOutcome: call.outcome,
          lastCalledAt: call.calledAt,
          ...(REACHED.includes(call.outcome) ? { reached: true } : {}),
        })
        .where({ waveId: wave.id, personId: member.personId })
        .execute();
      await this.audit.record(auth, 'survey.call', [member.personId], 'survey_wave', wave.id, manager);
    });
    return { id: call.id, waveId: call.waveId, personId: call.personId, outcome: call.outcome, note: call.note, calledAt: call.calledAt.toISOString() };
  }

  /**
   * Corrects the phone of a sampled resident after 空号 or 错号: the number becomes the person's
   * phone (for their team too), recorded in the audit log with the wave.
   */
  async correctPhone(auth: AuthContext, waveId: string, personId: string, dto: CorrectPhoneDto) {
    const { wave } = await this.forStaff(auth, waveId, 'fieldwork');
    const member = (await this.visibleMembers(auth, wave.id, personId))[0];
    if (!member) throw notFound('这位居民不在本次调查的抽样名单中');
    await inTransaction(this.dataSource, async (manager) => {
      await manager.update(Person, { id: member.personId }, { phoneCipher: this.cipher.encrypt(dto.phone) });
      await this.audit.record(auth, 'person.phone.correct', [member.personId], 'survey_wave', wave.id, manager);
    });
    return { personId: member.personId, phone: dto.phone };
  }

  /** Reach, response rate and the numbers to correct (空号/错号), over the sample members in the caller's scope. */
  async fieldwork(auth: AuthContext, waveId: string): Promise<Fieldwork> {
    const { wave } = await this.forStaff(auth, waveId, 'fieldwork');
    const members = await this.visibleMembers(auth, wave.id);
    const responded = await this.respondedAmong(
      wave.id,
      members.map((m) => m.personId),
    );
    const outcomes: Record<CallOutcome | 'notCalled', number> = { connected: 0, noAnswer: 0, emptyNumber: 0, wrongNumber: 0, refused: 0, notCalled: 0 };
    for (const m of members) outcomes[m.lastOutcome ?? 'notCalled'] += 1;
    const toCorrect = members.filter((m) => m.lastOutcome !== null && NUMBER_TO_CORRECT.includes(m.lastOutcome));
    const people = await this.people(toCorrect.map((m) => m.personId));
    await this.audit.record(
      auth,
      'survey.fieldwork.read',
      toCorrect.map((m) => m.personId),
      'survey_wave',
      wave.id,
    );
    const sampled = members.length;
    return {
      waveId: wave.id,
      sampled,
      called: members.filter((m) => m.calls > 0).length,
      contacted: members.filter((m) => m.reached).length,
      responded: members.filter((m) => responded.has(m.personId)).length,
      reach: rate(members.filter((m) => m.reached).length, sampled),
      responseRate: rate(members.filter((m) => responded.has(m.personId)).length, sampled),
      lastOutcomes: outcomes,
      numbersToCorrect: toCorrect.map((m) => {
        const person = people.get(m.personId);
        return {
          personId: m.personId,
          name: person?.name ?? '',
          idNumberMasked: person?.idNumberMasked ?? '',
          phone: person?.phoneCipher ? this.cipher.decrypt(person.phoneCipher) : null,
          teamId: m.teamId,
          outcome: m.lastOutcome,
          calledAt: m.lastCalledAt?.toISOString() ?? null,
        };
      }),
    };
  }

  /**
   * Respondents per wave without writing: the counted ones from the counters plus the few
   * responses the roll-up has not folded in yet (indexed by waveId, rolledUp).
   */
  async respondentCounts(waveIds: string[]): Promise<Map<string, number>> {
    if (waveIds.length === 0) return new Map();
    const placeholders = waveIds.map(() => '?').join(', ');
    const counted: { waveId: string; n: string | number }[] = await this.dataSource.query(
      `SELECT waveId, n FROM survey_counters
        WHERE waveId IN (${placeholders}) AND dimension = 'all' AND dimensionKey = '' AND questionId = '' AND optionId = ''`,
      waveIds,
    );
    const uncounted: { waveId: string; n: string | number }[] = await this.dataSource.query(
      `SELECT waveId, COUNT(*) AS n FROM survey_responses WHERE waveId IN (${placeholders}) AND rolledUp = 0 GROUP BY waveId`,
      waveIds,
    );
    const totals = new Map<string, number>();
    for (const row of [...counted, ...uncounted]) totals.set(row.waveId, (totals.get(row.waveId) ?? 0) + Number(row.n));
    return totals;
  }

  private view(wave: SurveyWave, respondents: number, questionnaireTitle: string): StaffWave {
    return {
      id: wave.id,
      title: wave.title,
      questionnaireId: wave.questionnaireId,
      questionnaireTitle,
      scope: { type: wave.scopeType, id: wave.scopeId, institutionId: wave.institutionId, teamId: wave.teamId },
      opensAt: wave.opensAt.toISOString(),
      closesAt: wave.closesAt.toISOString(),
      sampleSize: wave.sampleSize,
      respondents,
    };
  }

  private async placeOfScope(type: SurveyWave['scopeType'], id: string) {
    if (type === 'region') {
      const region = await this.dataSource.getRepository(Region).findOneBy({ id });
      return region ? { regionId: region.id, institutionId: null, teamId: null } : null;
    }
    if (type === 'institution') {
      const institution = await this.dataSource.getRepository(Institution).findOneBy({ id });
      return institution ? { regionId: institution.regionId, institutionId: institution.id, teamId: null } : null;
    }
    const team = await this.dataSource.getRepository(Team).findOneBy({ id });
    if (!team) return null;
    const institution = await this.dataSource.getRepository(Institution).findOneByOrFail({ id: team.institutionId });
    return { regionId: institution.regionId, institutionId: institution.id, teamId: team.id };
  }

  private async visibleMembers(auth: AuthContext, waveId: string, personId?: string): Promise<SurveySampleMember[]> {
    const scope = staffScope(auth)!;
    const where: FindOptionsWhere<SurveySampleMember> = { waveId, ...(personId ? { personId } : {}) };
    if (scope.level === 'institution') where.institutionId = scope.institutionId;
    if (scope.level === 'team') where.teamId = scope.teamId;
    return this.dataSource.getRepository(SurveySampleMember).find({ where, order: { personId: 'ASC' } });
  }

  private async people(ids: string[]): Promise<Map<string, Person>> {
    if (ids.length === 0) return new Map();
    const people = await this.dataSource.getRepository(Person).findBy({ id: In(ids) });
    return new Map(people.map((p) => [p.id, p]));
  }

  private async respondedAmong(waveId: string, personIds: string[]): Promise<Set<string>> {
    if (personIds.length === 0) return new Set();
    const rows = await this.dataSource.getRepository(SurveyResponse).find({ where: { waveId, personId: In(personIds) }, select: { personId: true } });
    return new Set(rows.map((r) => r.personId));
  }

  private async questionnaireTitles(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(QuestionnaireRecord).find({ where: { id: In([...new Set(ids)]) }, select: { id: true, title: true } });
    return new Map(rows.map((r) => [r.id, r.title]));
  }
}

/** A simple random sample without replacement (partial Fisher–Yates with a cryptographic source). */
function drawSample<T>(population: readonly T[], size: number): T[] {
  const pool = [...population];
  const n = Math.min(size, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + randomInt(pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}
