import { createTestApp, TestApp } from './support/test-app';
import { createWave, staffTokens, standardAnswers, submit, surveyResident } from './support/survey-factories';

describe('survey reads: lists never write, text answers paged from the normalised answers (MariaDB)', () => {
  let t: TestApp;
  let staff: Awaited<ReturnType<typeof staffTokens>>;
  beforeAll(async () => {
    t = await createTestApp('mariadb');
    staff = await staffTokens(t);
  });
  afterAll(async () => t?.close());

  const pending = async (waveId: string) =>
    Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM survey_responses WHERE waveId = ? AND rolledUp = 0', [waveId]))[0].n);

  it('lists waves without rolling them up; the report folds the responses in', async () => {
    const wave = await createWave(t, staff.clinic1);
    for (const text of ['希望多来村里巡诊', '']) {
      const resident = await surveyResident(t);
      await submit(t, resident.auth, wave.id, standardAnswers({ q13: { text } })).expect(201);
    }
    const listed = await t.http.get('/api/staff/survey-waves').set(staff.clinic1).expect(200);
    expect(listed.body.find((w: { id: string }) => w.id === wave.id).respondents).toBe(2);
    expect(await pending(wave.id)).toBe(2);

    await t.http.get(`/api/staff/survey-waves/${wave.id}/report`).set(staff.clinic1).expect(200);
    expect(await pending(wave.id)).toBe(0);
  });

  it('pages the answers to a text question and refuses a question that is not one', async () => {
    const wave = await createWave(t, staff.clinic1);
    const texts = ['希望多来村里巡诊', '电话回访再多一些', '药品再全一点'];
    for (const text of texts) {
      const resident = await surveyResident(t);
      await submit(t, resident.auth, wave.id, standardAnswers({ q13: { text } })).expect(201);
    }
    const first = await t.http.get(`/api/staff/survey-waves/${wave.id}/text-answers?questionId=q13&limit=2`).set(staff.clinic1).expect(200);
    expect(first.body).toMatchObject({ questionId: 'q13', total: 3, limit: 2, offset: 0 });
    const second = await t.http.get(`/api/staff/survey-waves/${wave.id}/text-answers?questionId=q13&limit=2&offset=2`).set(staff.clinic1).expect(200);
    expect([...first.body.items, ...second.body.items].sort()).toEqual([...texts].sort());

    const notText = await t.http.get(`/api/staff/survey-waves/${wave.id}/text-answers?questionId=q11`).set(staff.clinic1).expect(400);
    expect(notText.body.details[0]).toMatchObject({ field: 'questionId', message: '请选择问卷中的一道填空题' });
    await t.http.get(`/api/staff/survey-waves/${wave.id}/text-answers?questionId=q13`).set(staff.clinic2).expect(404);
  });
});
