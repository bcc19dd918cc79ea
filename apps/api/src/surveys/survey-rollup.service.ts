import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ageBand,
  ageOn,
  countTallyKeys,
  effectiveTags,
  KeyGroupTag,
  NormalisedAnswer,
  Questionnaire,
  RespondentGroups,
  signingDurationBand,
  TallyKey,
  tallyKeys,
  todayInChina,
} from '@jiayi/domain';
import { PiiCipher } from '../common/pii-cipher';
import { inTransaction } from '../database/transaction';
import { addToCounters, dialectOf } from './counter-sql';
import { SurveyResponse } from './survey-response.entity';

const BATCH = 5000;
/** How many times a batch is read again after another roll-up counted some of its responses first. */
const RECOUNTS = 5;

/** Another roll-up (another node of a multi-primary cluster) flagged some of the batch's responses first. */
class CountedElsewhere extends Error {}

interface PendingResponse {
  id: string;
  institutionId: string | null;
  teamId: string | null;
  keyGroupsCipher: string;
  ageBand: string;
  signingDuration: string;
  /** NormalisedAnswer[], encrypted. */
  answersCipher: string;
  submittedAt: Date | string;
  birthDate: string | null;
  signedSince: string | null;
  declaredTagsCipher: string | null;
}

/**
 * The incremental roll-up that keeps a wave's counters exact without making submissions wait:
 * a submission only inserts its response row, answers included (`rolledUp = 0`); the roll-up
 * normalises the answers of the responses not yet counted into `survey_answers`, adds them to
 * `survey_counters` and flags them, in one transaction that first flags them by a conditional update
 * (`rolledUp = 0` → 1, all or nothing), so two roll-ups (two API instances, on one server or on two
 * nodes of a cluster) never count a response twice; the wave's row lock keeps them from doing the
 * same work at once on one server. A report
 * rolls up first, so it always shows every committed response; a timer keeps the backlog small.
 *
 * Why not counters in the submission's transaction: measured in bench/ — each response touches
 * ~140 counter rows, and 50 concurrent submissions queued on their locks (0.27–0.36 of the
 * baseline's throughput, p99 250–540 ms). See BENCHMARKS.md.
 */
@Injectable()
export class SurveyRollupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
  ) {}

  /** Folds every committed, not yet counted response of the wave into its counters; returns how many. */
  async rollUp(waveId: string, questionnaire: Questionnaire): Promise<number> {
    let total = 0;
    let recounts = 0;
    for (;;) {
      let counted: number;
      try {
        counted = await inTransaction(this.dataSource, (manager) => this.rollUpBatch(manager, waveId, questionnaire), 'READ COMMITTED');
      } catch (error) {
        // Nothing of this batch was written (its transaction rolled back): read the rest again.
        if (error instanceof CountedElsewhere && recounts++ < RECOUNTS) continue;
        throw error;
      }
      total += counted;
      if (counted < BATCH) return total;
    }
  }

  /** Waves with a backlog, for the timer. */
  async wavesWithBacklog(): Promise<string[]> {
    const rows: { waveId: string }[] = await this.dataSource.query('SELECT DISTINCT waveId FROM survey_responses WHERE rolledUp = 0');
    return rows.map((r) => r.waveId);
  }

  private async rollUpBatch(manager: EntityManager, waveId: string, questionnaire: Questionnaire): Promise<number> {
    const dialect = dialectOf(this.dataSource);
    // The wave's row lock serialises roll-ups of one wave across instances on one server (SQLite has one
    // writer anyway). On a multi-primary cluster a row lock holds on its own node only: there, the
    // conditional flag below decides.
    await manager.query(`SELECT id FROM survey_waves WHERE id = ?${dialect === 'mariadb' ? ' FOR UPDATE' : ''}`, [waveId]);
    const pending: PendingResponse[] = await manager.query(
      `SELECT id, institutionId, teamId, keyGroupsCipher, ageBand, signingDuration, answersCipher, submittedAt, birthDate, signedSince, declaredTagsCipher
         FROM survey_responses
        WHERE waveId = ? AND rolledUp = 0 ORDER BY id LIMIT ${BATCH}`,
      [waveId],
    );
    if (pending.length === 0) return 0;
    // Flag the batch first, only where still unflagged: if another roll-up flagged any of it since it was
    // read, this one counts nothing (rolls back, reads again). A roll-up on another Galera node that
    // commits the same rows later fails its certification (1213) and is retried by inTransaction.
    const flagged = await manager
      .createQueryBuilder()
      .update(SurveyResponse)
      .set({ rolledUp: true })
      .where('id IN (:...ids) AND rolledUp = 0', { ids: pending.map((r) => r.id) })
      .execute();
    if (flagged.affected !== pending.length) throw new CountedElsewhere();
    const keys: TallyKey[] = [];
    const answerRows: unknown[][] = [];
    const sensitive = new Set(questionnaire.questions.filter((q) => q.sensitive).map((q) => q.id));
    const derived: unknown[][] = [];
    for (const response of pending) {
      const answers = this.cipher.decryptJson<NormalisedAnswer[]>(response.answersCipher);
      const groups = response.ageBand === '' ? derivedGroups(response, this.cipher) : groupsOf(response, this.cipher);
      if (response.ageBand === '') derived.push([this.cipher.encrypt(groups.keyGroup.join(',')), groups.ageBand, groups.signingDuration, response.id]);
      keys.push(...tallyKeys(questionnaire, answers, groups));
      // No per-respondent row for an answer that reveals health information; free text may say anything, so it is encrypted.
      for (const a of answers) {
        if (sensitive.has(a.questionId)) continue;
        if (a.optionIds.length > 0) for (const optionId of a.optionIds) answerRows.push([response.id, a.questionId, optionId, waveId, null]);
        else answerRows.push([response.id, a.questionId, '', waveId, a.text ? this.cipher.encrypt(a.text) : null]);
      }
    }
    for (let start = 0; start < answerRows.length; start += 1000) {
      const batch = answerRows.slice(start, start + 1000);
      await manager.query(
        `INSERT INTO survey_answers (responseId, questionId, optionId, waveId, textCipher) VALUES ${batch.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
        batch.flat(),
      );
    }
    await addToCounters(manager, dialect, waveId, countTallyKeys(keys));
    // The groups derived from a resident's submission are kept on its row, as staff-entered ones are.
    for (const row of derived) await manager.query('UPDATE survey_responses SET keyGroupsCipher = ?, ageBand = ?, signingDuration = ? WHERE id = ?', row);
    return pending.length;
  }
}

/** The groups a respondent belonged to when answering, as stored on the response row. */
export function groupsOf(response: Omit<PendingResponse, 'id' | 'answersCipher'>, cipher: PiiCipher): RespondentGroups {
  return {
    institution: response.institutionId ?? 'unknown',
    team: response.teamId ?? 'unsigned',
    keyGroup: cipher.decrypt(response.keyGroupsCipher).split(',').filter(Boolean) as KeyGroupTag[],
    ageBand: response.ageBand as RespondentGroups['ageBand'],
    signingDuration: response.signingDuration as RespondentGroups['signingDuration'],
  };
}

/**
 * The groups of a resident whose submission recorded only the facts (its one INSERT … SELECT):
 * the same rules as `SurveyResponsesService.groups`, applied to the facts as of the submission day.
 */
export function derivedGroups(response: Omit<PendingResponse, 'id' | 'answersCipher'>, cipher: PiiCipher): RespondentGroups {
  const submittedAt = response.submittedAt instanceof Date ? response.submittedAt : new Date(`${response.submittedAt.replace(' ', 'T')}Z`);
  const today = todayInChina(submittedAt);
  const birthDate = dateText(response.birthDate)!;
  const declared = response.declaredTagsCipher ? cipher.decryptJson<KeyGroupTag[]>(response.declaredTagsCipher) : [];
  return {
    institution: response.institutionId ?? 'unknown',
    team: response.teamId ?? 'unsigned',
    keyGroup: effectiveTags(birthDate, declared, today),
    ageBand: ageBand(ageOn(birthDate, today)),
    signingDuration: signingDurationBand(dateText(response.signedSince), today),
  };
}

function dateText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}
