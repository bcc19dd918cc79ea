import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  ageBand, ageOn, AnswerInput, countTallyKeys, effectiveTags, KeyGroupTag, NormalisedAnswer, RespondentGroups, signingDurationBand,
  tallyKeys, todayInChina, validateAnswers,
} from '@jiayi/domain';
import type { AuthContext } from '../auth/auth-context';
import { AuditService } from '../audit/audit.service';
import { ApiError, conflict, notFound, refusalError } from '../common/api-error';
import { PiiCipher } from '../common/pii-cipher';
import { isUniqueViolation } from '../people/people.service';
import { Person } from '../people/person.entity';
import { addToCounters, Dialect, dialectOf, isRetryable, timeParam } from './counter-sql';
import { StaffResponseDto } from './dto/survey-response.dto';
import { ResponseChannel } from './survey-response.entity';
import { Placement, placementWithinStaffScope, placePerson, waveContains } from './survey-scope';
import { LoadedWave, SurveyWavesService } from './survey-waves.service';

/** Counter rows are spread over this many shards so concurrent submissions rarely wait for the same row lock. */
export const COUNTER_SHARDS = 32;
const MAX_ATTEMPTS = 4;

interface Respondent {
  person: Pick<Person, 'id' | 'birthDate' | 'declaredTagsCipher' | 'communityId'>;
  placement: Placement;
}

/**
 * Responses: checked against the wave's questionnaire version, stored once per resident and wave
 * (unique key), and added to the wave's counters in the same transaction.
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
    const [person] = await this.dataSource.query(
      `SELECT id, birthDate, declaredTagsCipher, communityId FROM persons WHERE accountId = ? AND relation = 'self'`,
      [auth.accountId],
    );
    if (!person) return null;
    return { person: { ...person, birthDate: String(person.birthDate).slice(0, 10) }, placement: await placePerson(this.dataSource, person.id, person.communityId) };
  }

  /** A wave open to the resident (its scope contains them), or 404. */
  async waveForResident(auth: AuthContext, waveId: string): Promise<{ loaded: LoadedWave; respondent: Respondent }> {
    const [loaded, respondent] = await Promise.all([this.waves.load(waveId), this.residentSelf(auth)]);
    if (!loaded || !respondent || !waveContains(loaded.wave, respondent.placement)) throw notFound('没有找到这个调查');
    return { loaded, respondent };
  }

  async submitAsResident(auth: AuthContext, waveId: string, answers: AnswerInput[]) {
    const { loaded, respondent } = await this.waveForResident(auth, waveId);
    return this.submit(loaded, respondent, answers, 'miniProgram', null);
  }

  async submitAsStaff(auth: AuthContext, waveId: string, dto: StaffResponseDto) {
    const loaded = await this.waves.forStaff(auth, waveId, 'fieldwork');
    const person = await this.dataSource.getRepository(Person).findOne({
      where: { id: dto.personId }, select: { id: true, birthDate: true, declaredTagsCipher: true, communityId: true },
    });
    const placement = person ? await placePerson(this.dataSource, person.id, person.communityId) : null;
    if (!person || !placement || !placementWithinStaffScope(auth, placement) || !waveContains(loaded.wave, placement)) {
      throw new ApiError(404, '没有找到这位居民，或其不在本次调查范围内', [{ field: 'personId', message: '居民不在本次调查范围内' }]);
    }
    const result = await this.submit(loaded, { person, placement }, dto.answers, dto.channel, auth.accountId);
    await this.audit.record(auth, 'survey.response.enter', [person.id], 'survey_wave', waveId);
    return result;
  }

  private async submit(loaded: LoadedWave, respondent: Respondent, answers: AnswerInput[], channel: ResponseChannel, enteredBy: string | null) {
    const { wave, questionnaire } = loaded;
    const now = new Date();
    if (now < wave.opensAt) throw conflict('SURVEY.NOT_OPEN', '本次调查还没有开始');
    if (now >= wave.closesAt) throw conflict('SURVEY.CLOSED', '本次调查已经结束');
    const checked = validateAnswers(questionnaire, answers);
    if (!checked.ok) throw refusalError(checked, 400);

    const groups = this.groups(respondent, todayInChina(now));
    const tallies = countTallyKeys(tallyKeys(questionnaire, checked.value, groups));
    const response = { id: randomUUID(), shard: randomInt(COUNTER_SHARDS) };
    for (let attempt = 1; ; attempt++) {
      try {
        await this.store(wave.id, respondent, channel, enteredBy, now, groups, checked.value, response, tallies);
        break;
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict('SURVEY.ALREADY_ANSWERED', '您已经填写过本次调查，感谢参与');
        if (attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
        throw error;
      }
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

  private async store(
    waveId: string, respondent: Respondent, channel: ResponseChannel, enteredBy: string | null, at: Date, groups: RespondentGroups,
    answers: NormalisedAnswer[], response: { id: string; shard: number }, tallies: ReturnType<typeof countTallyKeys>,
  ): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // READ COMMITTED: the counter upserts then lock only the rows they touch, not the gaps between them.
      await runner.startTransaction(this.dialect === 'mariadb' ? 'READ COMMITTED' : undefined);
      await runner.query(
        `INSERT INTO survey_responses (id, waveId, personId, channel, enteredBy, submittedAt, institutionId, teamId, keyGroups, ageBand, signingDuration, shard)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          response.id, waveId, respondent.person.id, channel, enteredBy, timeParam(this.dialect, at), respondent.placement.institutionId,
          respondent.placement.teamId, groups.keyGroup.join(','), groups.ageBand, groups.signingDuration, response.shard,
        ],
      );
      const rows = answers.flatMap((a) =>
        a.optionIds.length > 0 ? a.optionIds.map((optionId) => [response.id, a.questionId, optionId, waveId, null]) : [[response.id, a.questionId, '', waveId, a.text ?? null]],
      );
      if (rows.length > 0) {
        await runner.query(
          `INSERT INTO survey_answers (responseId, questionId, optionId, waveId, text) VALUES ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
          rows.flat(),
        );
      }
      await addToCounters(runner, this.dialect, waveId, response.shard, tallies);
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}
