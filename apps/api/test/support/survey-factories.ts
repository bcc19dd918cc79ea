import { randomUUID } from 'node:crypto';
import { addDays, addYears, AnswerInput } from '@jiayi/domain';
import { standardAnswers } from '@jiayi/domain/surveys/questionnaire.test-helpers';
import { ProfileOverrides, residentWithProfile, staffLogin } from './factories';
import { columnCipher } from '../../src/common/column-cipher';
import { timeParam, dialectOf } from '../../src/surveys/counter-sql';
import { refreshPlacements } from '../../src/people/placements';
import type { TestApp } from './test-app';

export { standardAnswers };

type Auth = Record<string, string>;
const DAY_MS = 24 * 60 * 60 * 1000;

/** An active contract row written straight into `contracts` (the survey tests need signed residents, not the signing flow). */
export async function insertActiveContract(t: TestApp, personId: string, teamId: string, startDate = '2025-01-01'): Promise<void> {
  const [team] = await t.dataSource.query(
    'SELECT t.institutionId, i.regionId, (SELECT MIN(d.id) FROM doctors d WHERE d.teamId = t.id) AS doctorId FROM teams t JOIN institutions i ON i.id = t.institutionId WHERE t.id = ?',
    [teamId],
  );
  // A three-year period, so the contract is still running today and the expiry job leaves it alone.
  const endDate = addDays(addYears(startDate, 3), -1);
  const now = timeParam(dialectOf(t.dataSource), new Date());
  await t.dataSource.query(
    `INSERT INTO contracts (id, personId, teamId, doctorId, institutionId, regionId, status, startDate, endDate, years, packageCodesCipher, feesCipher,
       totalFen, insuranceFen, publicHealthFen, selfPayFen, fiscalFen, signedBy, agreementVersion, agreementHash, renewalOf, householdSigningId, channel, insuranceAuthorized, residentConfirmedAt,
       doctorConfirmedAt, createdAt, openSlot, holdsPlace)
     VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, 3, ?, ?, 0, 0, 0, 0, 0, 'self', '2026-01', ?, NULL, ?, 'onsite', 0, ?, ?, ?, ?, 0)`,
    [
      randomUUID(),
      personId,
      teamId,
      team.doctorId,
      team.institutionId,
      team.regionId,
      startDate,
      endDate,
      columnCipher().encryptJson(['basic']),
      columnCipher().encryptJson({}),
      '0'.repeat(64),
      randomUUID(),
      now,
      now,
      now,
      personId,
    ],
  );
  await refreshPlacements(t.dataSource.manager, [personId]);
}

export interface SurveyResidentOptions extends ProfileOverrides {
  /** Team to sign with (null: not signed). */
  teamId?: string | null;
  signedSince?: string;
}

/** A resident with a profile and, unless `teamId: null`, an active contract. */
export async function surveyResident(t: TestApp, options: SurveyResidentOptions = {}) {
  const { teamId, signedSince, ...profile } = options;
  const resident = await residentWithProfile(t, profile);
  const team = teamId === undefined ? t.demo.institutions.clinic1.teamIds[0] : teamId;
  if (team) await insertActiveContract(t, resident.person.id, team, signedSince);
  return resident;
}

export async function standardQuestionnaireId(t: TestApp, auth: Auth): Promise<string> {
  const response = await t.http.get('/api/staff/questionnaires').set(auth).expect(200);
  return response.body.find((q: { code: string; version: number }) => q.code === 'standard' && q.version === 1).id;
}

export interface WaveOverrides {
  questionnaireId?: string;
  title?: string;
  scopeType?: 'region' | 'institution' | 'team';
  scopeId?: string;
  opensAt?: string;
  closesAt?: string;
  sampleSize?: number;
}

/** A wave open from yesterday for a month, for clinic1 unless overridden. */
export async function createWave(t: TestApp, auth: Auth, overrides: WaveOverrides = {}) {
  const now = Date.now();
  const body = {
    questionnaireId: overrides.questionnaireId ?? (await standardQuestionnaireId(t, auth)),
    title: '测试调查',
    scopeType: 'institution',
    scopeId: t.demo.institutions.clinic1.id,
    opensAt: new Date(now - DAY_MS).toISOString(),
    closesAt: new Date(now + 30 * DAY_MS).toISOString(),
    ...overrides,
  };
  const response = await t.http.post('/api/staff/survey-waves').set(auth).send(body).expect(201);
  return response.body as { id: string; sampleSize: number | null };
}

export const submit = (t: TestApp, auth: Auth, waveId: string, answers: AnswerInput[]) =>
  t.http.post(`/api/survey-waves/${waveId}/responses`).set(auth).send({ answers });

export const staffTokens = async (t: TestApp) => ({
  region: await staffLogin(t, 'region.admin'),
  clinic1: await staffLogin(t, 'clinic1.admin'),
  clinic2: await staffLogin(t, 'clinic2.admin'),
  doctor1: await staffLogin(t, 'clinic1.doctor1'),
});

/** Row counts of the survey tables, to prove a refused request stored nothing. */
export async function surveyRowCounts(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['survey_responses', 'survey_answers', 'survey_counters']) {
    const [row] = await t.dataSource.query(`SELECT COUNT(*) AS n, COALESCE(SUM(${table === 'survey_counters' ? 'n' : '1'}), 0) AS s FROM ${table}`);
    counts[table] = Number(row.n);
    counts[`${table}.sum`] = Number(row.s);
  }
  return counts;
}
