import ExcelJS from 'exceljs';
import { AnswerInput, countAnswers, indicatorsFromResponses, NormalisedAnswer, STANDARD_QUESTIONNAIRE, todayInChina, addDays } from '@jiayi/domain';
import { PiiCipher } from '../src/common/pii-cipher';
import { assumeServerFeatures } from '../src/database/server-features';
import { createTestApp, TestApp } from './support/test-app';
import {
  createWave,
  insertActiveContract,
  staffTokens,
  standardAnswers,
  standardQuestionnaireId,
  submit,
  surveyResident,
  surveyRowCounts,
} from './support/survey-factories';
import { residentWithProfile } from './support/factories';

type Auth = Record<string, string>;

describe('surveys: questionnaires, waves, responses and the report (MariaDB)', () => {
  let t: TestApp;
  let staff: Awaited<ReturnType<typeof staffTokens>>;
  let team0: string;
  let team1: string;

  beforeAll(async () => {
    t = await createTestApp('mariadb');
    staff = await staffTokens(t);
    [team0, team1] = t.demo.institutions.clinic1.teamIds;
  });
  afterAll(async () => t?.close());

  it('seeds the standard questionnaire unchanged and an open wave per institution', async () => {
    const list = await t.http.get('/api/staff/questionnaires').set(staff.clinic1).expect(200);
    expect(list.body).toEqual([{ id: expect.any(String), code: 'standard', version: 1, title: STANDARD_QUESTIONNAIRE.title }]);
    const waves1 = await t.http.get('/api/staff/survey-waves').set(staff.clinic1).expect(200);
    const waves2 = await t.http.get('/api/staff/survey-waves').set(staff.clinic2).expect(200);
    expect(waves1.body).toHaveLength(1);
    expect(waves1.body[0]).toMatchObject({ scope: { type: 'institution', id: t.demo.institutions.clinic1.id }, respondents: 0, sampleSize: null });
    expect(waves2.body[0].id).not.toBe(waves1.body[0].id);

    const resident = await surveyResident(t);
    const open = await t.http.get('/api/survey-waves').set(resident.auth).expect(200);
    expect(open.body).toEqual([expect.objectContaining({ id: waves1.body[0].id, questionnaireTitle: STANDARD_QUESTIONNAIRE.title, answered: false })]);
    const wave = await t.http.get(`/api/survey-waves/${waves1.body[0].id}`).set(resident.auth).expect(200);
    const { id, ...definition } = wave.body.questionnaire;
    expect(id).toBe(list.body[0].id);
    expect(definition).toEqual(STANDARD_QUESTIONNAIRE);
    await t.http.get(`/api/survey-waves/${waves2.body[0].id}`).set(resident.auth).expect(404);
  });

  describe('a known distribution of ten answers', () => {
    let waveId: string;
    const today = todayInChina(new Date());

    beforeAll(async () => {
      waveId = (await createWave(t, staff.clinic1, { title: '已知分布' })).id;
      for (let i = 0; i < 10; i++) {
        const resident = await surveyResident(t, {
          teamId: i < 6 ? team0 : team1,
          community: i < 6 ? '东关村' : '南街社区',
          birthDate: i < 3 ? '1950-03-01' : '1985-06-01',
          declaredTags: i === 0 || i === 3 ? ['hypertension'] : [],
          signedSince: i < 5 ? '2020-01-01' : addDays(today, -30),
        });
        const answers = standardAnswers({
          q5: { optionIds: i < 6 ? ['B', 'A'] : ['A'] },
          q6: { optionIds: [i < 4 ? 'A' : i < 7 ? 'B' : 'C'] },
          q7: { optionIds: [i < 4 ? 'A' : 'C'] },
          q8: { optionIds: [i < 9 ? 'A' : 'C'] },
          q9: { optionIds: [i < 5 ? 'A' : 'B'] },
          q10: { optionIds: ['A'] },
          q11: { optionIds: [i < 2 ? 'A' : i < 5 ? 'B' : 'C'] },
          q12: { optionIds: i % 2 === 0 ? ['A', 'C'] : ['E'] },
          q13: i < 4 ? { text: `  建议${i}  ` } : null,
        });
        await submit(t, resident.auth, waveId, answers).expect(201);
      }
    });

    it('gives counts, shares of valid respondents and multiple-choice shares over respondents', async () => {
      const { body } = await t.http.get(`/api/staff/survey-waves/${waveId}/report`).set(staff.clinic1).expect(200);
      expect(body.respondents).toBe(10);
      const q = (id: string) => body.questions.find((x: { questionId: string }) => x.questionId === id);
      expect(q('q11')).toEqual({
        questionId: 'q11',
        title: '您对家庭医生签约服务的满意程度：',
        type: 'single',
        validRespondents: 10,
        options: [
          { optionId: 'A', label: '非常不满意', count: 2, percent: 0.2 },
          { optionId: 'B', label: '认可', count: 3, percent: 0.3 },
          { optionId: 'C', label: '非常满意', count: 5, percent: 0.5 },
        ],
      });
      expect(q('q5').options.map((o: { count: number; percent: number }) => [o.count, o.percent])).toEqual([
        [10, 1],
        [6, 0.6],
        [0, 0],
        [0, 0],
        [0, 0],
      ]);
      expect(q('q12').options.map((o: { count: number }) => o.count)).toEqual([5, 0, 5, 0, 5]);
      expect(q('q12').validRespondents).toBe(10);
      expect(q('q13')).toMatchObject({ type: 'text', validRespondents: 4, options: [] });

      const ind = (code: string) => body.indicators.find((x: { code: string }) => x.code === code);
      expect(ind('satisfaction')).toMatchObject({ name: '满意率', numerator: 8, denominator: 10, rate: 0.8 });
      expect(ind('satisfaction').ci95[0]).toBeCloseTo(0.490162, 5);
      expect(ind('satisfaction').ci95[1]).toBeCloseTo(0.943318, 5);
      expect(ind('awareness')).toMatchObject({ numerator: 7, denominator: 10, rate: 0.7 });
      expect(ind('awareness').ci95[0]).toBeCloseTo(0.396778, 5);
      expect(ind('awareness').ci95[1]).toBeCloseTo(0.892209, 5);
      expect(ind('doctorAwareness')).toMatchObject({ numerator: 4, denominator: 10, rate: 0.4 });
      expect(ind('doctorAwareness').ci95[0]).toBeCloseTo(0.16818, 5);
      expect(ind('renewalIntention')).toMatchObject({ numerator: 9, denominator: 10, rate: 0.9 });
      expect(ind('renewalIntention').ci95[1]).toBeCloseTo(0.982124, 5);
      expect(ind('timeliness')).toMatchObject({ kind: 'meanScore', numerator: 900, denominator: 10, meanScore: 90, rate: 0.9 });
      expect(ind('attitude')).toMatchObject({ meanScore: 100, rate: 1, ci95: [1, 1] });
    });

    it('breaks the indicators down by institution, team, key group, age band and signing duration', async () => {
      const { body } = await t.http.get(`/api/staff/survey-waves/${waveId}/report`).set(staff.clinic1).expect(200);
      const satisfaction = (dimension: string) =>
        body.breakdowns[dimension].map((g: { label: string; respondents: number; indicators: { code: string; numerator: number; denominator: number }[] }) => {
          const s = g.indicators.find((i) => i.code === 'satisfaction')!;
          return [g.label, g.respondents, s.numerator, s.denominator];
        });
      expect(satisfaction('institution')).toEqual([['城关镇卫生院', 10, 8, 10]]);
      expect(satisfaction('team')).toEqual([
        ['城关镇第一家庭医生团队', 6, 4, 6],
        ['城关镇第二家庭医生团队', 4, 4, 4],
      ]);
      expect(satisfaction('keyGroup')).toEqual([
        ['65岁及以上老年人', 3, 1, 3],
        ['高血压患者', 2, 1, 2],
        ['非重点人群', 6, 6, 6],
      ]);
      expect(satisfaction('ageBand')).toEqual([
        ['31-50岁', 7, 7, 7],
        ['65岁及以上', 3, 1, 3],
      ]);
      expect(satisfaction('signingDuration')).toEqual([
        ['不到半年', 5, 5, 5],
        ['1年以上', 5, 3, 5],
      ]);
      const team0Row = body.breakdowns.team[0].indicators.find((i: { code: string }) => i.code === 'satisfaction');
      expect(team0Row.ci95).toEqual([expect.any(Number), expect.any(Number)]);
      expect(team0Row.rate).toBeCloseTo(4 / 6, 12);
    });

    it('lists the wave with its respondents, and the resident as having answered', async () => {
      const list = await t.http.get('/api/staff/survey-waves').set(staff.clinic1).expect(200);
      expect(list.body.find((w: { id: string }) => w.id === waveId)).toMatchObject({ title: '已知分布', respondents: 10 });
    });

    it('cross-tabulates two single-choice questions either way round', async () => {
      const { body } = await t.http
        .get(`/api/staff/survey-waves/${waveId}/crosstab`)
        .query({ rowQuestionId: 'q11', columnQuestionId: 'q7' })
        .set(staff.clinic1)
        .expect(200);
      expect(body).toMatchObject({ rowQuestionId: 'q11', columnQuestionId: 'q7', respondents: 10 });
      expect(body.cells).toEqual({ A: { A: 2, B: 0, C: 0 }, B: { A: 2, B: 0, C: 1 }, C: { A: 0, B: 0, C: 5 } });
      expect(body.rows.map((r: { label: string }) => r.label)).toEqual(['非常不满意', '认可', '非常满意']);
      const reverse = await t.http
        .get(`/api/staff/survey-waves/${waveId}/crosstab`)
        .query({ rowQuestionId: 'q7', columnQuestionId: 'q11' })
        .set(staff.clinic1)
        .expect(200);
      expect(reverse.body.cells.A).toEqual({ A: 2, B: 2, C: 0 });
      const refused = await t.http
        .get(`/api/staff/survey-waves/${waveId}/crosstab`)
        .query({ rowQuestionId: 'q5', columnQuestionId: 'q7' })
        .set(staff.clinic1)
        .expect(400);
      expect(refused.body.details[0].field).toBe('rowQuestionId');
    });

    it('exports the report to Excel in the 问卷星 layout, readable back', async () => {
      const response = await t.http
        .get(`/api/staff/survey-waves/${waveId}/report.xlsx`)
        .set(staff.clinic1)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      expect(response.headers['content-disposition']).toContain("filename*=UTF-8''");
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(response.body);
      expect(book.worksheets.map((s) => s.name)).toEqual(['题目统计', '指标', '按机构', '按团队', '按重点人群', '按年龄段', '按签约时长']);

      const rows: unknown[][] = [];
      book.getWorksheet('题目统计')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      const start = rows.findIndex((r) => String(r[0]).startsWith('第11题'));
      expect(rows[start][0]).toBe('第11题：您对家庭医生签约服务的满意程度： [单选题]');
      expect(rows.slice(start + 1, start + 6)).toEqual([
        ['选项', '小计', '比例'],
        ['非常不满意', 2, 0.2],
        ['认可', 3, 0.3],
        ['非常满意', 5, 0.5],
        ['本题有效填写人次', 10],
      ]);
      const q5 = rows.findIndex((r) => String(r[0]).startsWith('第5题'));
      expect(rows[q5][0]).toContain('[多选题]');
      expect(rows[q5 + 3]).toEqual(['网络媒体', 6, 0.6]);
      const formats: string[] = [];
      book.getWorksheet('题目统计')!.eachRow((row) => row.getCell(1).value === '认可' && formats.push(row.getCell(3).numFmt));
      expect(formats).toEqual(['0.00%']);

      const indicators: unknown[][] = [];
      book.getWorksheet('指标')!.eachRow((row) => indicators.push((row.values as unknown[]).slice(1)));
      const satisfaction = indicators.find((r) => r[0] === '满意率')!;
      expect(satisfaction.slice(0, 4)).toEqual(['满意率', 8, 10, 0.8]);
      expect(satisfaction[4]).toBeCloseTo(0.490162, 5);
      const teams: unknown[][] = [];
      book.getWorksheet('按团队')!.eachRow((row) => teams.push((row.values as unknown[]).slice(1)));
      expect(teams).toContainEqual(expect.arrayContaining(['城关镇第二家庭医生团队', 4, '满意率', 4, 4, 1]));
    });
  });

  it('at most one response per resident: 20 concurrent submissions store one', async () => {
    const { id: waveId } = await createWave(t, staff.clinic1);
    const resident = await surveyResident(t);
    const results = await Promise.all(Array.from({ length: 20 }, () => submit(t, resident.auth, waveId, standardAnswers())));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    expect(results.find((r) => r.status === 409)!.body).toMatchObject({ code: 'SURVEY.ALREADY_ANSWERED' });
    const [row] = await t.dataSource.query('SELECT COUNT(*) AS n FROM survey_responses WHERE waveId = ?', [waveId]);
    expect(Number(row.n)).toBe(1);
    const report = await t.http.get(`/api/staff/survey-waves/${waveId}/report`).set(staff.clinic1).expect(200);
    expect(report.body.respondents).toBe(1);
    expect(report.body.questions[0].validRespondents).toBe(1);
    const open = await t.http.get('/api/survey-waves').set(resident.auth).expect(200);
    expect(open.body.find((w: { id: string }) => w.id === waveId).answered).toBe(true);
  });

  it('takes the same submissions on a server without INSERT … RETURNING (MySQL, TiDB): stored once, refusals unchanged', async () => {
    assumeServerFeatures(t.dataSource, { insertReturning: false });
    try {
      const { id: waveId } = await createWave(t, staff.clinic1);
      const [resident, outsider] = [
        await surveyResident(t),
        await surveyResident(t, { teamId: t.demo.institutions.clinic2.teamIds[0], community: '东城社区' }),
      ];
      const results = await Promise.all(Array.from({ length: 6 }, () => submit(t, resident.auth, waveId, standardAnswers())));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      expect(results.find((r) => r.status === 201)!.body).toMatchObject({ waveId, personId: resident.person.id, channel: 'miniProgram' });
      await submit(t, outsider.auth, waveId, standardAnswers()).expect(404);
      const [row] = await t.dataSource.query('SELECT COUNT(*) AS n FROM survey_responses WHERE waveId = ?', [waveId]);
      expect(Number(row.n)).toBe(1);
    } finally {
      assumeServerFeatures(t.dataSource, { insertReturning: true });
    }
  });

  it.each<[string, AnswerInput[], string, string]>([
    ['an unknown question', [...standardAnswers(), { questionId: 'q99', optionIds: ['A'] }], 'answers[13].questionId', 'SURVEY.UNKNOWN_QUESTION'],
    ['an unknown option', standardAnswers({ q3: { optionIds: ['Z'] } }), 'answers[2].optionIds', 'SURVEY.UNKNOWN_OPTION'],
    ['two options on single choice', standardAnswers({ q3: { optionIds: ['A', 'B'] } }), 'answers[2].optionIds', 'SURVEY.SINGLE_CHOICE_MULTIPLE'],
    ['a missing required answer', standardAnswers({ q11: null }), 'answers', 'SURVEY.REQUIRED'],
    ['text on a choice question', standardAnswers({ q1: { text: '很老' } }), 'answers[0].text', 'SURVEY.ANSWER_TYPE'],
  ])('refuses %s with 400 and stores nothing', async (_, answers, field, code) => {
    const { id: waveId } = await createWave(t, staff.clinic1);
    const resident = await surveyResident(t);
    const before = await surveyRowCounts(t);
    const response = await submit(t, resident.auth, waveId, answers).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code, details: [{ field }] });
    expect(await surveyRowCounts(t)).toEqual(before);
    await submit(t, resident.auth, waveId, standardAnswers()).expect(201);
  });

  it('refuses unknown request fields and malformed answers with 400', async () => {
    const { id: waveId } = await createWave(t, staff.clinic1);
    const resident = await surveyResident(t);
    const extra = await t.http.post(`/api/survey-waves/${waveId}/responses`).set(resident.auth).send({ answers: standardAnswers(), score: 5 }).expect(400);
    expect(extra.body.details[0].field).toBe('score');
    const malformed = await t.http
      .post(`/api/survey-waves/${waveId}/responses`)
      .set(resident.auth)
      .send({ answers: [{ questionId: 'q1', optionIds: 'A' }] })
      .expect(400);
    expect(malformed.body.details[0].field).toBe('answers[0].optionIds');
    // The answers are checked by hand on this path (SubmitResponseDto.nestedErrors), with AnswerDto's messages in its order.
    const several = await t.http
      .post(`/api/survey-waves/${waveId}/responses`)
      .set(resident.auth)
      .send({ answers: [{ questionId: 5 }, { questionId: 'q1', optionIds: ['A', 5] }, null, { questionId: 'q2', note: 'x', text: 7 }, ['q3']] })
      .expect(400);
    expect(several.body).toMatchObject({ message: '题目编号不正确' });
    expect(several.body.details).toEqual([
      { field: 'answers[0].questionId', message: '题目编号不正确' },
      { field: 'answers[1].optionIds', message: '选项不正确' },
      { field: 'answers[2]', message: '答案格式不正确' },
      { field: 'answers[3].note', message: '不支持的字段：answers[3].note' },
      { field: 'answers[3].text', message: '填写内容过长' },
      { field: 'answers[4]', message: '答案格式不正确' },
    ]);
    const tooMany = await t.http
      .post(`/api/survey-waves/${waveId}/responses`)
      .set(resident.auth)
      .send({ answers: [{ questionId: 'q1', optionIds: Array.from({ length: 31 }, () => 'A') }] })
      .expect(400);
    expect(tooMany.body.details).toEqual([{ field: 'answers[0].optionIds', message: '选项过多' }]);
    expect(await t.dataSource.query('SELECT id FROM survey_responses WHERE waveId = ?', [waveId])).toEqual([]);
  });

  it('refuses answers after the separate consent was withdrawn (before 404), stores nothing, and takes them once it is given again', async () => {
    const { id: waveId } = await createWave(t, staff.clinic1);
    const resident = await surveyResident(t);
    await t.http.post('/api/me/consent/withdraw').set(resident.auth).expect(200);
    const refused = await t.http.post(`/api/survey-waves/${waveId}/responses`).set(resident.auth).send({ answers: standardAnswers() }).expect(409);
    expect(refused.body.code).toBe('CONSENT.WITHDRAWN');
    const noWave = await t.http
      .post('/api/survey-waves/00000000-0000-4000-8000-000000000000/responses')
      .set(resident.auth)
      .send({ answers: standardAnswers() })
      .expect(409);
    expect(noWave.body.code).toBe('CONSENT.WITHDRAWN');
    expect(await t.dataSource.query('SELECT id FROM survey_responses WHERE waveId = ?', [waveId])).toEqual([]);
    await t.dataSource.query('UPDATE resident_accounts SET sensitiveConsent = 1 WHERE id = (SELECT accountId FROM persons WHERE id = ?)', [resident.person.id]);
    await t.http.post(`/api/survey-waves/${waveId}/responses`).set(resident.auth).send({ answers: standardAnswers() }).expect(201);
  });

  it('answers a closed account 401 before anything else (the route checks it, not the guard) and stores nothing', async () => {
    const { id: waveId } = await createWave(t, staff.clinic1);
    const resident = await surveyResident(t, { teamId: null });
    await t.http.post('/api/me/close').set(resident.auth).expect(200);
    for (const wave of [waveId, '00000000-0000-4000-8000-000000000000']) {
      const refused = await t.http.post(`/api/survey-waves/${wave}/responses`).set(resident.auth).send({ answers: standardAnswers() }).expect(401);
      expect(refused.body.message).toBe('账号已注销，请重新登录');
    }
    expect(await t.dataSource.query('SELECT id FROM survey_responses WHERE waveId = ?', [waveId])).toEqual([]);
  });

  it('refuses answers to a wave that is closed or not open yet with 409', async () => {
    const day = 24 * 60 * 60 * 1000;
    const closed = await createWave(t, staff.clinic1, {
      opensAt: new Date(Date.now() - 10 * day).toISOString(),
      closesAt: new Date(Date.now() - day).toISOString(),
    });
    const later = await createWave(t, staff.clinic1, {
      opensAt: new Date(Date.now() + day).toISOString(),
      closesAt: new Date(Date.now() + 10 * day).toISOString(),
    });
    const resident = await surveyResident(t);
    expect((await submit(t, resident.auth, closed.id, standardAnswers()).expect(409)).body.code).toBe('SURVEY.CLOSED');
    expect((await submit(t, resident.auth, later.id, standardAnswers()).expect(409)).body.code).toBe('SURVEY.NOT_OPEN');
    const open = await t.http.get('/api/survey-waves').set(resident.auth).expect(200);
    expect(open.body.map((w: { id: string }) => w.id)).not.toEqual(expect.arrayContaining([closed.id]));
  });

  it('counts a question with display logic only over those shown it who answered', async () => {
    const standard = STANDARD_QUESTIONNAIRE;
    const created = await t.http
      .post('/api/staff/questionnaires')
      .set(staff.clinic1)
      .send({
        code: 'standard',
        title: standard.title,
        questions: standard.questions.map((q) => (q.id === 'q3' ? { ...q, showIf: { questionId: 'q2', optionIds: ['A'] } } : q)),
        indicators: standard.indicators,
      })
      .expect(201);
    expect(created.body).toMatchObject({ code: 'standard', version: 2 });
    const { id: waveId } = await createWave(t, staff.clinic1, { questionnaireId: created.body.id });

    const signed = await Promise.all([0, 1, 2].map(() => surveyResident(t)));
    const unsigned = await Promise.all([0, 1].map(() => surveyResident(t, { teamId: null })));
    for (const r of signed) await submit(t, r.auth, waveId, standardAnswers({ q3: { optionIds: ['A'] } })).expect(201);
    const hiddenAnswered = await submit(t, unsigned[0].auth, waveId, standardAnswers({ q2: { optionIds: ['B'] } })).expect(400);
    expect(hiddenAnswered.body).toMatchObject({ code: 'SURVEY.HIDDEN_QUESTION_ANSWERED', details: [{ field: 'answers[2]' }] });
    const shownMissing = await submit(t, unsigned[0].auth, waveId, standardAnswers({ q3: null })).expect(400);
    expect(shownMissing.body.code).toBe('SURVEY.REQUIRED');
    for (const r of unsigned) await submit(t, r.auth, waveId, standardAnswers({ q2: { optionIds: ['B'] }, q3: null })).expect(201);

    const { body } = await t.http.get(`/api/staff/survey-waves/${waveId}/report`).set(staff.clinic1).expect(200);
    expect(body.respondents).toBe(5);
    const q3 = body.questions.find((q: { questionId: string }) => q.questionId === 'q3');
    expect(q3.validRespondents).toBe(3);
    expect(q3.options[0]).toEqual({ optionId: 'A', label: '不到半年', count: 3, percent: 1 });
    expect(body.questions.find((q: { questionId: string }) => q.questionId === 'q2').options.map((o: { count: number }) => o.count)).toEqual([3, 2]);
    expect(body.breakdowns.team.map((g: { key: string; respondents: number }) => [g.key, g.respondents])).toEqual([
      [team0, 3],
      ['unsigned', 2],
    ]);
  });

  it('refuses a questionnaire that breaks the rules with 400 on the field', async () => {
    const bad = await t.http
      .post('/api/staff/questionnaires')
      .set(staff.clinic1)
      .send({
        code: 'short',
        title: '简短问卷',
        questions: [
          {
            id: 'a',
            title: '满意吗',
            type: 'single',
            required: true,
            options: [
              { id: 'Y', label: '是' },
              { id: 'N', label: '否' },
            ],
          },
        ],
        indicators: [{ code: 'sat', name: '满意率', kind: 'rate', questionId: 'a', optionIds: ['X'] }],
      })
      .expect(400);
    expect(bad.body.details[0].field).toBe('indicators[0].optionIds');
    await t.http.post('/api/staff/questionnaires').set(staff.doctor1).send({}).expect(403);
  });

  it('racing submissions by many residents: the report equals a recount from the raw answers', async () => {
    const { id: waveId } = await createWave(t, staff.clinic1, { title: '并发' });
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pick = (ids: string[]) => [ids[random(ids.length)]];
    const residents = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        surveyResident(t, {
          teamId: i % 5 === 4 ? null : i % 2 ? team1 : team0,
          community: i % 2 ? '南街社区' : '东关村',
          birthDate: ['1950-01-01', '1990-07-07', '1970-03-03', '2015-05-05'][i % 4],
          declaredTags: i % 3 === 0 ? ['diabetes2'] : [],
          signedSince: ['2019-01-01', addDays(todayInChina(new Date()), -200), addDays(todayInChina(new Date()), -10)][i % 3],
        }),
      ),
    );
    const sheets = residents.map(() =>
      standardAnswers({
        q1: { optionIds: pick(['A', 'B', 'C', 'D']) },
        q5: {
          optionIds: ['A', 'B', 'C', 'D', 'E']
            .filter(() => random(2) === 1)
            .concat('E')
            .filter((v, k, a) => a.indexOf(v) === k),
        },
        q6: { optionIds: pick(['A', 'B', 'C']) },
        q7: { optionIds: pick(['A', 'B', 'C']) },
        q8: { optionIds: pick(['A', 'B', 'C']) },
        q9: { optionIds: pick(['A', 'B', 'C', 'D', 'E']) },
        q10: { optionIds: pick(['A', 'B', 'C', 'D', 'E']) },
        q11: { optionIds: pick(['A', 'B', 'C']) },
        q12: { optionIds: pick(['A', 'B', 'C', 'D', 'E']) },
        q13: random(2) ? { text: '意见' } : null,
      }),
    );
    const results = await Promise.all(residents.map((r, i) => submit(t, r.auth, waveId, sheets[i])));
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(201));

    // The raw record of each response is its row, answers included, as the submission wrote it; a
    // resident's submission records the facts of its groups, which the roll-up (run by a report) derives.
    await t.http.get(`/api/staff/survey-waves/${waveId}/report`).set(staff.clinic1).expect(200);
    const raw: {
      id: string;
      institutionId: string | null;
      teamId: string | null;
      keyGroupsCipher: string;
      ageBand: string;
      signingDuration: string;
      answersCipher: string;
    }[] = await t.dataSource.query(
      'SELECT id, institutionId, teamId, keyGroupsCipher, ageBand, signingDuration, answersCipher FROM survey_responses WHERE waveId = ?',
      [waveId],
    );
    const cipher = t.app.get(PiiCipher);
    expect(raw.every((row) => row.keyGroupsCipher.startsWith('v1:'))).toBe(true);
    const responses = new Map<string, { groups: Record<string, string[]>; answers: NormalisedAnswer[] }>();
    for (const row of raw) {
      responses.set(row.id, {
        groups: {
          institution: [row.institutionId ?? 'unknown'],
          team: [row.teamId ?? 'unsigned'],
          keyGroup: cipher.decrypt(row.keyGroupsCipher) ? cipher.decrypt(row.keyGroupsCipher).split(',') : ['none'],
          ageBand: [row.ageBand],
          signingDuration: [row.signingDuration],
        },
        answers: cipher.decryptJson<NormalisedAnswer[]>(row.answersCipher),
      });
    }
    const order = (a: NormalisedAnswer) => STANDARD_QUESTIONNAIRE.questions.findIndex((q) => q.id === a.questionId);
    const all = [...responses.values()].map((r) => ({ ...r, answers: r.answers.sort((a, b) => order(a) - order(b)) }));
    expect(all).toHaveLength(40);

    const { body } = await t.http.get(`/api/staff/survey-waves/${waveId}/report`).set(staff.clinic1).expect(200);
    const counts = countAnswers(
      STANDARD_QUESTIONNAIRE,
      all.map((r) => r.answers),
    );
    expect(body.respondents).toBe(40);
    for (const q of body.questions) {
      expect(q.validRespondents).toBe(counts[q.questionId].answered);
      for (const o of q.options) {
        expect(o.count).toBe(counts[q.questionId].optionCounts[o.optionId]);
        expect(o.percent).toBe(o.count / q.validRespondents);
      }
    }
    const grouped: [{ optionId: string; questionId: string; n: string | number }] = await t.dataSource.query(
      `SELECT questionId, optionId, COUNT(*) AS n FROM survey_answers WHERE waveId = ? AND optionId <> '' GROUP BY questionId, optionId`,
      [waveId],
    );
    for (const g of grouped) {
      const option = body.questions
        .find((q: { questionId: string }) => q.questionId === g.questionId)
        .options.find((o: { optionId: string }) => o.optionId === g.optionId);
      expect(option.count).toBe(Number(g.n));
    }
    const strip = (list: object[]) => JSON.parse(JSON.stringify(list));
    expect(body.indicators).toEqual(
      strip(
        indicatorsFromResponses(
          STANDARD_QUESTIONNAIRE,
          all.map((r) => r.answers),
        ),
      ),
    );
    for (const dimension of ['institution', 'team', 'keyGroup', 'ageBand', 'signingDuration']) {
      const keys = [...new Set(all.flatMap((r) => r.groups[dimension]))].sort();
      expect(body.breakdowns[dimension].map((g: { key: string }) => g.key).sort()).toEqual(keys);
      for (const group of body.breakdowns[dimension]) {
        const members = all.filter((r) => r.groups[dimension].includes(group.key));
        expect(group.respondents).toBe(members.length);
        expect(group.indicators).toEqual(
          strip(
            indicatorsFromResponses(
              STANDARD_QUESTIONNAIRE,
              members.map((r) => r.answers),
            ),
          ),
        );
      }
    }
    const [uncounted] = await t.dataSource.query('SELECT COUNT(*) AS n FROM survey_responses WHERE waveId = ? AND rolledUp = 0', [waveId]);
    expect(Number(uncounted.n)).toBe(0);
  });

  it('two API instances rolling up one wave at once count every response exactly once', async () => {
    const { id: waveId } = await createWave(t, staff.clinic1);
    const residents = await Promise.all(Array.from({ length: 12 }, () => surveyResident(t)));
    for (const r of residents) await submit(t, r.auth, waveId, standardAnswers()).expect(201);
    const second = await t.startSecondInstance();
    const request = (await import('supertest')).default;
    const reports = await Promise.all([
      t.http.get(`/api/staff/survey-waves/${waveId}/report`).set(staff.clinic1),
      request(second.getHttpServer()).get(`/api/staff/survey-waves/${waveId}/report`).set(staff.clinic1),
      t.http.get(`/api/staff/survey-waves/${waveId}/report`).set(staff.clinic1),
    ]);
    for (const report of reports) {
      expect(report.status).toBe(200);
      expect(report.body.respondents).toBe(12);
    }
    const again = await t.http.get(`/api/staff/survey-waves/${waveId}/report`).set(staff.clinic1).expect(200);
    expect(again.body.respondents).toBe(12);
    expect(again.body.questions.find((q: { questionId: string }) => q.questionId === 'q1').validRespondents).toBe(12);
  });

  describe('scope', () => {
    it('hides a wave of clinic1 from clinic2 (404) and refuses a wave outside the caller’s scope (403)', async () => {
      const { id: waveId } = await createWave(t, staff.clinic1);
      for (const path of ['report', 'report.xlsx', 'crosstab?rowQuestionId=q1&columnQuestionId=q2', 'sample', 'fieldwork']) {
        await t.http.get(`/api/staff/survey-waves/${waveId}/${path}`).set(staff.clinic2).expect(404);
      }
      await t.http.get(`/api/staff/survey-waves/${waveId}/report`).set(staff.region).expect(200);
      const list = await t.http.get('/api/staff/survey-waves').set(staff.clinic2).expect(200);
      expect(list.body.map((w: { id: string }) => w.id)).not.toContain(waveId);
      const questionnaireId = await standardQuestionnaireId(t, staff.clinic1);
      const outside = await t.http
        .post('/api/staff/survey-waves')
        .set(staff.clinic1)
        .send({
          questionnaireId,
          title: '越权',
          scopeType: 'institution',
          scopeId: t.demo.institutions.clinic2.id,
          opensAt: new Date().toISOString(),
          closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        })
        .expect(403);
      expect(outside.body.statusCode).toBe(403);
      const resident2 = await surveyResident(t, { teamId: t.demo.institutions.clinic2.teamIds[0], community: '东城社区' });
      await submit(t, resident2.auth, waveId, standardAnswers()).expect(404);
      await t.http.get(`/api/staff/survey-waves/${waveId}/report`).set(resident2.auth).expect(403);
    });
  });

  describe('phone follow-up', () => {
    let waveId: string;
    let doctorWave: { id: string; sampleSize: number | null };
    const people: { id: string; auth: Auth }[] = [];

    beforeAll(async () => {
      for (let i = 0; i < 4; i++) {
        const r = await residentWithProfile(t, { phone: `1390000${String(1000 + i)}` });
        await insertActiveContract(t, r.person.id, team0);
        people.push({ id: r.person.id, auth: r.auth });
      }
      doctorWave = await createWave(t, staff.clinic1, { scopeType: 'team', scopeId: team0, sampleSize: 1_000 });
      waveId = doctorWave.id;
    });

    it('gives staff in scope the wave with its questionnaire for phone entry, and hides it from others', async () => {
      const { body } = await t.http.get(`/api/staff/survey-waves/${waveId}`).set(staff.doctor1).expect(200);
      expect(body).toMatchObject({ id: waveId, questionnaire: { questions: expect.any(Array) } });
      expect(body.questionnaire.questions[0]).toMatchObject({ id: 'q1', required: true });
      await t.http.get(`/api/staff/survey-waves/${waveId}`).set(staff.clinic2).expect(404);
    });

    it('draws the sample once from the signed residents in scope and lists it with phones, audited', async () => {
      const [signed] = await t.dataSource.query("SELECT COUNT(DISTINCT personId) AS n FROM contracts WHERE status = 'active' AND teamId = ?", [team0]);
      expect(doctorWave.sampleSize).toBe(Number(signed.n));
      const small = await createWave(t, staff.clinic1, { scopeType: 'team', scopeId: team0, sampleSize: 3 });
      expect(small.sampleSize).toBe(3);
      const sample = await t.http.get(`/api/staff/survey-waves/${waveId}/sample`).set(staff.doctor1).expect(200);
      const member = sample.body.find((m: { personId: string }) => m.personId === people[0].id);
      expect(member).toMatchObject({ phone: '13900001000', calls: 0, lastOutcome: null, responded: false });
      expect(member.idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      const [audit] = await t.dataSource.query("SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'survey.sample.read' AND personId = ?", [people[0].id]);
      expect(Number(audit.n)).toBeGreaterThan(0);
      const again = await t.http.get(`/api/staff/survey-waves/${waveId}/sample`).set(staff.clinic1).expect(200);
      expect(again.body.map((m: { personId: string }) => m.personId)).toEqual(sample.body.map((m: { personId: string }) => m.personId));
    });

    it('records calls and gives reach, response rate and the numbers to correct', async () => {
      const call = (personId: string, outcome: string) =>
        t.http.post(`/api/staff/survey-waves/${waveId}/calls`).set(staff.doctor1).send({ personId, outcome, note: '回访' });
      await call(people[0].id, 'noAnswer').expect(201);
      await call(people[0].id, 'connected').expect(201);
      await call(people[1].id, 'emptyNumber').expect(201);
      await call(people[2].id, 'wrongNumber').expect(201);
      await call(people[3].id, 'refused').expect(201);
      await call(people[3].id, 'busy').expect(400);
      await call('not-in-sample', 'connected').expect(404);
      await t.http
        .post(`/api/staff/survey-waves/${waveId}/responses`)
        .set(staff.doctor1)
        .send({ personId: people[0].id, channel: 'phone', answers: standardAnswers() })
        .expect(201);
      await submit(t, people[0].auth, waveId, standardAnswers()).expect(409);

      const { body } = await t.http.get(`/api/staff/survey-waves/${waveId}/fieldwork`).set(staff.doctor1).expect(200);
      const sampled = doctorWave.sampleSize!;
      expect(body).toMatchObject({ sampled, called: 4, contacted: 2, responded: 1 });
      expect(body.reach).toMatchObject({ numerator: 2, denominator: sampled, rate: 2 / sampled });
      expect(body.responseRate).toMatchObject({ numerator: 1, denominator: sampled });
      expect(body.lastOutcomes).toMatchObject({ connected: 1, emptyNumber: 1, wrongNumber: 1, refused: 1 });
      expect(body.numbersToCorrect.map((n: { personId: string; outcome: string; phone: string }) => [n.personId, n.outcome, n.phone]).sort()).toEqual(
        [
          [people[1].id, 'emptyNumber', '13900001001'],
          [people[2].id, 'wrongNumber', '13900001002'],
        ].sort(),
      );
      const [row] = await t.dataSource.query('SELECT channel, enteredBy FROM survey_responses WHERE waveId = ? AND personId = ?', [waveId, people[0].id]);
      expect(row.channel).toBe('phone');
      expect(row.enteredBy).toEqual(expect.any(String));
    });

    it("corrects a wrong number: it becomes the person's phone, audited; the sample shows it with the age for the interview", async () => {
      const correct = (personId: string, phone: unknown, who = staff.doctor1) =>
        t.http.put(`/api/staff/survey-waves/${waveId}/sample/${personId}/phone`).set(who).send({ phone });
      const corrected = await correct(people[2].id, '13712345678').expect(200);
      expect(corrected.body).toEqual({ personId: people[2].id, phone: '13712345678' });
      const bad = await correct(people[2].id, '12345').expect(400);
      expect(bad.body.details[0].field).toBe('phone');
      await correct('not-in-sample', '13712345678').expect(404);
      await correct(people[2].id, '13712345678', staff.clinic2).expect(404);

      const sample = await t.http.get(`/api/staff/survey-waves/${waveId}/sample`).set(staff.doctor1).expect(200);
      const member = sample.body.find((m: { personId: string }) => m.personId === people[2].id);
      expect(member).toMatchObject({ phone: '13712345678', age: expect.any(Number) });
      const [audit] = await t.dataSource.query("SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'person.phone.correct' AND personId = ?", [people[2].id]);
      expect(Number(audit.n)).toBe(1);
    });

    it('lists the text answers a page at a time and counts the responses by channel', async () => {
      await submit(t, people[1].auth, waveId, standardAnswers({ q13: { text: '医生很负责' } })).expect(201);
      await submit(t, people[3].auth, waveId, standardAnswers({ q13: null })).expect(201);
      const page = (query: string) => t.http.get(`/api/staff/survey-waves/${waveId}/text-answers?${query}`).set(staff.doctor1);
      const first = await page('questionId=q13&limit=1').expect(200);
      expect(first.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
      const second = await page('questionId=q13&limit=1&offset=1').expect(200);
      // Newest first; answers stored within the same second may come in either order.
      const items = [...first.body.items, ...second.body.items];
      expect(items).toEqual(
        expect.arrayContaining([
          { text: '医生很负责', channel: 'miniProgram', submittedAt: expect.any(String) },
          { text: '希望多来村里巡诊', channel: 'phone', submittedAt: expect.any(String) },
        ]),
      );
      expect(Date.parse(items[0].submittedAt)).toBeGreaterThanOrEqual(Date.parse(items[1].submittedAt));
      expect((await page('questionId=q1').expect(400)).body.details[0].field).toBe('questionId');
      await page('questionId=q13&limit=500').expect(400);
      await t.http.get(`/api/staff/survey-waves/${waveId}/text-answers?questionId=q13`).set(staff.clinic2).expect(404);

      const channels = await t.http.get(`/api/staff/survey-waves/${waveId}/channels`).set(staff.doctor1).expect(200);
      expect(channels.body).toEqual({ waveId, total: 3, counts: { phone: 1, miniProgram: 2 } });
    });

    it('refuses staff-entered responses for residents outside the caller’s scope', async () => {
      const other = await surveyResident(t, { teamId: t.demo.institutions.clinic2.teamIds[0], community: '东城社区' });
      const { id: regionWave } = await createWave(t, staff.region, { scopeType: 'region', scopeId: t.demo.regionId });
      const refused = await t.http
        .post(`/api/staff/survey-waves/${regionWave}/responses`)
        .set(staff.doctor1)
        .send({ personId: other.person.id, channel: 'onsite', answers: standardAnswers() })
        .expect(404);
      expect(refused.body.details[0].field).toBe('personId');
      await t.http
        .post(`/api/staff/survey-waves/${regionWave}/responses`)
        .set(staff.clinic2)
        .send({ personId: other.person.id, channel: 'onsite', answers: standardAnswers() })
        .expect(201);
    });
  });
});
