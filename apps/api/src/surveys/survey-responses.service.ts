import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  alreadyAnswered,
  ageBand,
  ageOn,
  checkWaveOpen,
  AnswerInput,
  effectiveTags,
  KeyGroupTag,
  NormalisedAnswer,
  RespondentGroups,
  signingDurationBand,
  todayInChina,
  validateAnswers,
} from '@jiayi/domain';
import type { SurveyResponseReceipt } from '@jiayi/contract';
import type { AuthContext } from '../auth/auth-context';
import { AuditService } from '../audit/audit.service';
import { requireResidentAccount } from '../auth/auth.guard';
import { ApiError, notFound, refusalError } from '../common/api-error';
import { PiiCipher } from '../common/pii-cipher';
import { timeOrderedId } from '../common/time-ordered-id';
import { isUniqueViolation, writeOnce } from '../database/transaction';
import { Person } from '../people/person.entity';
import { requireSensitiveConsent } from '../people/privacy-rights.service';
import { serverFeatures } from '../database/server-features';
import { Dialect, dialectOf, timeParam } from './counter-sql';
import { StaffResponseDto } from './dto/survey-response.dto';
import { ResponseChannel } from './survey-response.entity';
import { Placement, placementWithinStaffScope, placePerson, placeSelf, waveContains } from './survey-scope';
import { LoadedWave, SurveyWavesService } from './survey-waves.service';

interface Respondent {
  person: Pick<Person, 'id' | 'birthDate' | 'declaredTagsCipher' | 'communityId'>;
  placement: Placement;
}

/**
 * Responses: checked against the wave's questionnaire version and stored once per resident and
 * wave (unique key). A submission is one INSERT of its own row, answers included; SurveyRollupService
 * later normalises the answers into `survey_answers` and the wave's counters, so 50 residents
 * answering at once never queue behind shared counter rows.
 */
@Injectable()
export class SurveyResponsesService {
  private readonly dialect: Dialect;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly waves: SurveyWavesService,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
  ) {
    this.dialect = dialectOf(dataSource);
  }

  /** The resident's own self person, placed; null when the profile is not filled in yet. */
  async residentSelf(auth: AuthContext): Promise<Respondent | null> {
    return placeSelf(this.dataSource, auth.accountId);
  }

  /** A wave open to the resident (its scope contains them), or 404. */
  async waveForResident(auth: AuthContext, waveId: string): Promise<{ loaded: LoadedWave; respondent: Respondent }> {
    const [loaded, respondent] = await Promise.all([this.waves.load(waveId), this.residentSelf(auth)]);
    if (!loaded || !respondent || !waveContains(loaded.wave, respondent.placement)) throw notFound('没有找到这个调查');
    return { loaded, respondent };
  }

  /**
   * The hot path: when the wave is open and the answers are valid, one INSERT … SELECT checks that
   * the account exists (the guard leaves that to this route) and has not withdrawn its separate consent, places the resident and checks the wave's scope in the same
   * statement that stores the response (exact, and atomic with the insert), recording the facts the
   * roll-up derives the groups from. Anything else (consent withdrawn, no such wave, closed, invalid
   * answers, not in scope) stores nothing and takes the path that reads first, so every refusal is
   * the same as before — and a resident outside the scope learns nothing but 404.
   */
  async submitAsResident(auth: AuthContext, waveId: string, answers: AnswerInput[]) {
    const loaded = await this.waves.load(waveId);
    const now = new Date();
    const checked = loaded && now >= loaded.wave.opensAt && now < loaded.wave.closesAt ? validateAnswers(loaded.questionnaire, answers) : null;
    if (loaded && checked?.ok) {
      const responseId = timeOrderedId(now.getTime());
      let personId: string | undefined;
      try {
        personId = await this.storePlaced(loaded.wave, auth.accountId, now, checked.value, responseId);
      } catch (error) {
        if (isUniqueViolation(error)) throw refusalError(alreadyAnswered());
        throw error;
      }
      if (personId) return { id: responseId, waveId, personId, channel: 'miniProgram' as const, submittedAt: now.toISOString() };
    }
    // Nothing stored: the reading path gives the refusal, in the order it always had (closed
    // account 401 — the guard left it to this route — consent withdrawn, then 404, then closed or
    // not open 409, then invalid answers 400).
    await requireResidentAccount(this.dataSource, auth.accountId);
    await requireSensitiveConsent(this.dataSource.manager, auth.accountId);
    const { loaded: reloaded, respondent } = await this.waveForResident(auth, waveId);
    return this.submit(reloaded, respondent, answers, 'miniProgram', null);
  }

  async submitAsStaff(auth: AuthContext, waveId: string, dto: StaffResponseDto) {
    const loaded = await this.waves.forStaff(auth, waveId, 'fieldwork');
    const person = await this.dataSource.getRepository(Person).findOne({
      where: { id: dto.personId },
      select: { id: true, birthDate: true, declaredTagsCipher: true, communityId: true },
    });
    const placement = person ? await placePerson(this.dataSource, person.id) : null;
    if (!person || !placement || !placementWithinStaffScope(auth, placement) || !waveContains(loaded.wave, placement)) {
      throw new ApiError(404, '没有找到这位居民，或其不在本次调查范围内', [{ field: 'personId', message: '居民不在本次调查范围内' }]);
    }
    const result = await this.submit(loaded, { person, placement }, dto.answers, dto.channel, auth.accountId);
    await this.audit.record(auth, 'survey.response.enter', [person.id], 'survey_wave', waveId);
    return result;
  }

  private async submit(
    loaded: LoadedWave,
    respondent: Respondent,
    answers: AnswerInput[],
    channel: ResponseChannel,
    enteredBy: string | null,
  ): Promise<SurveyResponseReceipt> {
    const { wave, questionnaire } = loaded;
    const now = new Date();
    const open = checkWaveOpen(wave, now);
    if (!open.ok) throw refusalError(open);
    const checked = validateAnswers(questionnaire, answers);
    if (!checked.ok) throw refusalError(checked);

    const groups = this.groups(respondent, todayInChina(now));
    const response = { id: timeOrderedId(now.getTime()) };
    try {
      await this.store(wave.id, respondent, channel, enteredBy, now, groups, checked.value, response.id);
    } catch (error) {
      if (isUniqueViolation(error)) throw refusalError(alreadyAnswered());
      throw error;
    }
    return { id: response.id, waveId: wave.id, personId: respondent.person.id, channel, submittedAt: now.toISOString() };
  }

  private groups(respondent: Respondent, today: string): RespondentGroups {
    const { person, placement } = respondent;
    const declared = this.cipher.decryptJson<KeyGroupTag[]>(person.declaredTagsCipher);
    return {
      institution: placement.institutionId ?? 'unknown',
      team: placement.teamId ?? 'unsigned',
      keyGroup: effectiveTags(person.birthDate, declared, today),
      ageBand: ageBand(ageOn(person.birthDate, today)),
      signingDuration: signingDurationBand(placement.signedSince, today),
    };
  }

  /**
   * Places the account's self person by its `person_placements` row (people/placements.ts, kept by
   * every write that moves a person) and inserts the response only if that place lies in the wave's
   * scope and the account has not withdrawn its separate consent (`requireSensitiveConsent`'s rule);
   * returns the person's id, or undefined when nothing was inserted (no profile, consent withdrawn,
   * or outside the scope). Three primary-key or indexed look-ups: placing the resident here (the
   * earliest active contract by a subquery, the first signing date by another) cost MariaDB 0.8 ms
   * of CPU per submission, reading the kept placement 0.5 ms (BENCHMARKS.md, section 5).
   * RETURNING where the server has it (MariaDB ≥ 10.5, SQLite ≥ 3.35); on MySQL and TiDB the
   * inserted row is read back by its id.
   */
  private async storePlaced(
    wave: LoadedWave['wave'],
    accountId: string,
    at: Date,
    answers: NormalisedAnswer[],
    responseId: string,
  ): Promise<string | undefined> {
    const scope = { region: 'pl.regionId = ?', institution: 'pl.institutionId = ?', team: 'pl.teamId = ?' }[wave.scopeType];
    const { insertReturning } = await serverFeatures(this.dataSource);
    const result: { personId: string }[] | { affectedRows: number } = await writeOnce(this.dataSource, (manager) =>
      manager.query(
        `INSERT INTO survey_responses (id, waveId, personId, channel, enteredBy, submittedAt, institutionId, teamId, keyGroupsCipher, ageBand, signingDuration,
                                     answersCipher, rolledUp, birthDate, signedSince, declaredTagsCipher)
       SELECT ?, ?, p.id, 'miniProgram', NULL, ?, pl.institutionId, pl.teamId, '', '', '', ?, 0, p.birthDate, pl.signedSince, p.declaredTagsCipher
         FROM persons p
         JOIN resident_accounts a ON a.id = p.accountId AND (a.sensitiveConsent = 1 OR a.consentWithdrawnAt IS NULL)
         JOIN person_placements pl ON pl.personId = p.id
        WHERE p.accountId = ? AND p.relation = 'self' AND ${scope}
        ORDER BY p.id LIMIT 1
       ${insertReturning ? 'RETURNING personId' : ''}`,
        [responseId, wave.id, timeParam(this.dialect, at), this.cipher.encryptJson(answers), accountId, wave.scopeId],
      ),
    );
    if (Array.isArray(result)) return result[0]?.personId;
    // MySQL, TiDB: no RETURNING — the row is ours when one was inserted, and its id is known.
    if (Number(result.affectedRows) !== 1) return undefined;
    const [row]: { personId: string }[] = await this.dataSource.query('SELECT personId FROM survey_responses WHERE id = ?', [responseId]);
    return row?.personId;
  }

  /** One INSERT, atomic by itself: the unique key (waveId, personId) is the only gate a submission passes. */
  private async store(
    waveId: string,
    respondent: Respondent,
    channel: ResponseChannel,
    enteredBy: string | null,
    at: Date,
    groups: RespondentGroups,
    answers: NormalisedAnswer[],
    responseId: string,
  ): Promise<void> {
    await writeOnce(this.dataSource, (manager) =>
      manager.query(
        `INSERT INTO survey_responses (id, waveId, personId, channel, enteredBy, submittedAt, institutionId, teamId, keyGroupsCipher, ageBand, signingDuration, answersCipher, rolledUp)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
        [
          responseId,
          waveId,
          respondent.person.id,
          channel,
          enteredBy,
          timeParam(this.dialect, at),
          respondent.placement.institutionId,
          respondent.placement.teamId,
          this.cipher.encrypt(groups.keyGroup.join(',')),
          groups.ageBand,
          groups.signingDuration,
          this.cipher.encryptJson(answers),
        ],
      ),
    );
  }
}
