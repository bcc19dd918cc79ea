import { isQuestionShown, Questionnaire, validateAnswers, validateQuestionnaire } from './questionnaire';
import { standardAnswers } from './questionnaire.test-helpers';
import { STANDARD_QUESTIONNAIRE } from './standard-questionnaire';

// A short questionnaire with display logic: q2 only for those who signed.
const signed: Questionnaire = {
  code: 'followUp',
  version: 2,
  title: '随访问卷',
  questions: [
    {
      id: 'q1',
      title: '您是否签约了家庭医生？',
      type: 'single',
      required: true,
      options: [
        { id: 'A', label: '是' },
        { id: 'B', label: '否' },
      ],
    },
    {
      id: 'q2',
      title: '请给家庭医生打分',
      type: 'rating',
      required: true,
      options: [
        { id: 'A', label: '好', score: 100 },
        { id: 'B', label: '一般', score: 50 },
      ],
      showIf: { questionId: 'q1', optionIds: ['A'] },
    },
    { id: 'q3', title: '其他意见', type: 'text', required: false, options: [] },
  ],
  indicators: [{ code: 'score', name: '评分', kind: 'meanScore', questionId: 'q2' }],
};

describe('isQuestionShown', () => {
  it('shows unconditional questions and conditional ones when a listed option was chosen', () => {
    expect(isQuestionShown(signed.questions[0], {})).toBe(true);
    expect(isQuestionShown(signed.questions[1], { q1: { optionIds: ['A'] } })).toBe(true);
    expect(isQuestionShown(signed.questions[1], { q1: { optionIds: ['B'] } })).toBe(false);
    expect(isQuestionShown(signed.questions[1], {})).toBe(false);
  });
});

describe('validateAnswers', () => {
  it('normalises a complete standard response in question order, with scores and trimmed text', () => {
    const answers = standardAnswers({ q13: { text: '  希望多来村里巡诊 ' }, q5: { optionIds: ['D', 'A'] } }).reverse();
    const result = validateAnswers(STANDARD_QUESTIONNAIRE, answers);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.map((a) => a.questionId)).toEqual(STANDARD_QUESTIONNAIRE.questions.map((q) => q.id));
    expect(result.value[4]).toEqual({ questionId: 'q5', optionIds: ['A', 'D'] });
    expect(result.value[8]).toEqual({ questionId: 'q9', optionIds: ['B'], score: 80 });
    expect(result.value[12]).toEqual({ questionId: 'q13', optionIds: [], text: '希望多来村里巡诊' });
  });

  it('lets the free-text question be skipped', () => {
    const result = validateAnswers(STANDARD_QUESTIONNAIRE, standardAnswers({ q13: { text: '   ' } }));
    expect(result.ok && result.value).toHaveLength(12);
  });

  it('refuses a missing required answer, naming the question', () => {
    expect(validateAnswers(STANDARD_QUESTIONNAIRE, standardAnswers({ q3: null }))).toEqual({
      ok: false,
      code: 'SURVEY.REQUIRED',
      message: '第3题（您签约家庭医生多久了？）还没有回答',
      field: 'answers',
    });
    expect(validateAnswers(STANDARD_QUESTIONNAIRE, standardAnswers({ q12: { optionIds: [] } }))).toMatchObject({
      code: 'SURVEY.REQUIRED',
      message: '第12题（您认为家庭医生服务目前最需要改进的方面是什么？）还没有回答',
    });
  });

  it('refuses two options on a single-choice question', () => {
    expect(validateAnswers(STANDARD_QUESTIONNAIRE, standardAnswers({ q1: { optionIds: ['A', 'B'] } }))).toEqual({
      ok: false,
      code: 'SURVEY.SINGLE_CHOICE_MULTIPLE',
      message: '第1题（您的年龄）只能选一项',
      field: 'answers[0].optionIds',
    });
  });

  it('refuses an unknown question, an unknown option, a repeated question', () => {
    expect(validateAnswers(STANDARD_QUESTIONNAIRE, [...standardAnswers(), { questionId: 'q99', optionIds: ['A'] }])).toEqual({
      ok: false,
      code: 'SURVEY.UNKNOWN_QUESTION',
      message: '问卷里没有这道题，请刷新后重新填写',
      field: 'answers[13].questionId',
    });
    expect(validateAnswers(STANDARD_QUESTIONNAIRE, standardAnswers({ q11: { optionIds: ['F'] } }))).toEqual({
      ok: false,
      code: 'SURVEY.UNKNOWN_OPTION',
      message: '第11题（您对家庭医生签约服务的满意程度：）没有这个选项',
      field: 'answers[10].optionIds',
    });
    expect(validateAnswers(STANDARD_QUESTIONNAIRE, [...standardAnswers(), { questionId: 'q2', optionIds: ['B'] }])).toMatchObject({
      code: 'SURVEY.DUPLICATE_QUESTION',
      field: 'answers[13].questionId',
    });
  });

  it('refuses text over 500 characters, counting Chinese characters as one', () => {
    expect(validateAnswers(STANDARD_QUESTIONNAIRE, standardAnswers({ q13: { text: '好'.repeat(500) } })).ok).toBe(true);
    expect(validateAnswers(STANDARD_QUESTIONNAIRE, standardAnswers({ q13: { text: '好'.repeat(501) } }))).toEqual({
      ok: false,
      code: 'SURVEY.TEXT_TOO_LONG',
      message: '第13题（对于家庭医生服务，您还有其他任何意见或建议吗？）最多填写500个字',
      field: 'answers[12].text',
    });
  });

  it('refuses text on a choice question and options on a text question', () => {
    expect(validateAnswers(STANDARD_QUESTIONNAIRE, standardAnswers({ q2: { text: '是' } }))).toMatchObject({
      code: 'SURVEY.ANSWER_TYPE',
      field: 'answers[1].text',
    });
    expect(validateAnswers(STANDARD_QUESTIONNAIRE, standardAnswers({ q13: { optionIds: ['A'] } }))).toMatchObject({
      code: 'SURVEY.ANSWER_TYPE',
      field: 'answers[12].optionIds',
    });
  });

  it('requires a conditional question only when shown, and refuses it when hidden', () => {
    expect(validateAnswers(signed, [{ questionId: 'q1', optionIds: ['B'] }])).toEqual({
      ok: true,
      value: [{ questionId: 'q1', optionIds: ['B'] }],
    });
    expect(validateAnswers(signed, [{ questionId: 'q1', optionIds: ['A'] }])).toMatchObject({
      code: 'SURVEY.REQUIRED',
      message: '第2题（请给家庭医生打分）还没有回答',
    });
    expect(
      validateAnswers(signed, [
        { questionId: 'q1', optionIds: ['B'] },
        { questionId: 'q2', optionIds: ['A'] },
      ]),
    ).toEqual({
      ok: false,
      code: 'SURVEY.HIDDEN_QUESTION_ANSWERED',
      message: '第2题（请给家庭医生打分）根据前面的回答不用填写',
      field: 'answers[1]',
    });
    expect(
      validateAnswers(signed, [
        { questionId: 'q1', optionIds: ['A'] },
        { questionId: 'q2', optionIds: ['B'] },
      ]),
    ).toEqual({
      ok: true,
      value: [
        { questionId: 'q1', optionIds: ['A'] },
        { questionId: 'q2', optionIds: ['B'], score: 50 },
      ],
    });
  });
});

describe('validateQuestionnaire', () => {
  it('accepts a questionnaire with display logic', () => {
    expect(validateQuestionnaire(signed)).toEqual({ ok: true, value: signed });
  });

  it('refuses display logic pointing at a later question', () => {
    const [q1, q2, q3] = signed.questions;
    expect(validateQuestionnaire({ ...signed, questions: [q2, q1, q3] })).toMatchObject({
      ok: false,
      code: 'QUESTIONNAIRE.SHOW_IF',
      field: 'questions[0].showIf',
    });
  });

  it('refuses a rating question without scores and an indicator on a missing option', () => {
    const unscored = {
      ...signed.questions[1],
      options: [
        { id: 'A', label: '好' },
        { id: 'B', label: '一般' },
      ],
    };
    expect(validateQuestionnaire({ ...signed, questions: [signed.questions[0], unscored, signed.questions[2]] })).toMatchObject({
      code: 'QUESTIONNAIRE.SCORE',
      field: 'questions[1].options[0].score',
    });
    const badIndicator = { code: 'x', name: '签约率', kind: 'rate' as const, questionId: 'q1', optionIds: ['Z'] };
    expect(validateQuestionnaire({ ...signed, indicators: [badIndicator] })).toMatchObject({
      code: 'QUESTIONNAIRE.INDICATOR',
      field: 'indicators[0].optionIds',
    });
  });

  it('refuses duplicate question ids', () => {
    const [q1] = signed.questions;
    expect(validateQuestionnaire({ ...signed, questions: [q1, q1], indicators: [] })).toMatchObject({
      code: 'QUESTIONNAIRE.QUESTION_ID',
      field: 'questions[1].id',
    });
  });
});
