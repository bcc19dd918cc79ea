import { createTestApp, TestApp } from './support/test-app';
import { createWave, staffTokens, standardAnswers, submit, surveyResident } from './support/survey-factories';

describe('surveys on SQLite: submitting and the report', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('stores responses once, keeps the counters with ON CONFLICT, and reports them', async () => {
    const staff = await staffTokens(t);
    const residents = [await surveyResident(t), await surveyResident(t, { teamId: null }), await surveyResident(t, { birthDate: '1950-01-01' })];
    const { id: waveId } = await createWave(t, staff.clinic1, { sampleSize: 2 });
    await submit(t, residents[0].auth, waveId, standardAnswers({ q11: { optionIds: ['A'] } })).expect(201);
    await submit(t, residents[1].auth, waveId, standardAnswers({ q5: { optionIds: ['B', 'C'] } })).expect(201);
    await submit(t, residents[2].auth, waveId, standardAnswers({ q13: null })).expect(201);
    expect((await submit(t, residents[0].auth, waveId, standardAnswers()).expect(409)).body.code).toBe('SURVEY.ALREADY_ANSWERED');
    await submit(t, residents[1].auth, waveId, standardAnswers({ q3: { optionIds: ['A', 'B'] } })).expect(400);

    const { body } = await t.http.get(`/api/staff/survey-waves/${waveId}/report`).set(staff.clinic1).expect(200);
    expect(body.respondents).toBe(3);
    const q = (id: string) => body.questions.find((x: { questionId: string }) => x.questionId === id);
    expect(q('q11').options.map((o: { count: number }) => o.count)).toEqual([1, 0, 2]);
    expect(q('q5').options.map((o: { count: number; percent: number }) => [o.count, o.percent])).toEqual([
      [2, 2 / 3],
      [1, 1 / 3],
      [1, 1 / 3],
      [2, 2 / 3],
      [0, 0],
    ]);
    expect(q('q13').validRespondents).toBe(2);
    expect(body.indicators.find((i: { code: string }) => i.code === 'satisfaction')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(body.breakdowns.team.map((g: { key: string; respondents: number }) => [g.key, g.respondents])).toEqual([
      [t.demo.institutions.clinic1.teamIds[0], 2],
      ['unsigned', 1],
    ]);
    expect(body.breakdowns.keyGroup.map((g: { key: string }) => g.key)).toEqual(['elderly65', 'none']);
    const crossTab = await t.http.get(`/api/staff/survey-waves/${waveId}/crosstab?rowQuestionId=q1&columnQuestionId=q11`).set(staff.clinic1).expect(200);
    expect(crossTab.body.cells.D).toEqual({ A: 1, B: 0, C: 2 });
    await t.http.get(`/api/staff/survey-waves/${waveId}/report.xlsx`).set(staff.clinic1).expect(200);
    const list = await t.http.get('/api/staff/survey-waves').set(staff.clinic1).expect(200);
    expect(list.body.find((w: { id: string }) => w.id === waveId)).toMatchObject({ respondents: 3, sampleSize: 2 });
  });
});
