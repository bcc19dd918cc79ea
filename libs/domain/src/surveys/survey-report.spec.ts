import { NormalisedAnswer, validateAnswers } from './questionnaire';
import { standardAnswers } from './questionnaire.test-helpers';
import { STANDARD_QUESTIONNAIRE } from './standard-questionnaire';
import { buildQuestionReport, countAnswers, crossTab, indicatorFromCounts, indicatorsFromResponses } from './survey-report';

const question = (id: string) => STANDARD_QUESTIONNAIRE.questions.find((q) => q.id === id)!;
const indicator = (code: string) => STANDARD_QUESTIONNAIRE.indicators.find((i) => i.code === code)!;

function response(overrides: Parameters<typeof standardAnswers>[0]): NormalisedAnswer[] {
  const result = validateAnswers(STANDARD_QUESTIONNAIRE, standardAnswers(overrides));
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('buildQuestionReport', () => {
  it('gives count and share of valid respondents per option (single choice)', () => {
    const report = buildQuestionReport(question('q11'), { shown: 263, answered: 263, optionCounts: { A: 182, B: 50, C: 31 } });
    expect(report).toEqual({
      questionId: 'q11',
      title: '您对家庭医生签约服务的满意程度：',
      type: 'single',
      validRespondents: 263,
      options: [
        { optionId: 'A', label: '非常不满意', count: 182, percent: 182 / 263 },
        { optionId: 'B', label: '认可', count: 50, percent: 50 / 263 },
        { optionId: 'C', label: '非常满意', count: 31, percent: 31 / 263 },
      ],
    });
  });

  it('divides multiple choice by respondents, not ticks, so shares can pass 100 %', () => {
    const report = buildQuestionReport(question('q5'), { shown: 10, answered: 10, optionCounts: { A: 6, B: 7, C: 2 } });
    expect(report.options.map((o) => [o.optionId, o.count, o.percent])).toEqual([
      ['A', 6, 0.6],
      ['B', 7, 0.7],
      ['C', 2, 0.2],
      ['D', 0, 0],
      ['E', 0, 0],
    ]);
    expect(report.options.reduce((s, o) => s + o.percent, 0)).toBeCloseTo(1.5, 10);
  });

  it('reports zero shares when nobody answered', () => {
    const report = buildQuestionReport(question('q6'), { shown: 0, answered: 0, optionCounts: {} });
    expect(report.validRespondents).toBe(0);
    expect(report.options.map((o) => o.percent)).toEqual([0, 0, 0]);
  });
});

describe('indicatorFromCounts', () => {
  it('turns option counts into a rate with its Wilson interval', () => {
    const result = indicatorFromCounts(indicator('satisfaction'), { shown: 263, answered: 263, optionCounts: { A: 182, B: 50, C: 31 } });
    expect(result).toMatchObject({ code: 'satisfaction', name: '满意率', kind: 'rate', numerator: 81, denominator: 263 });
    expect(result.rate).toBeCloseTo(0.30798, 5);
    expect(result.ci95![0]).toBeCloseTo(0.2553, 4);
    expect(result.ci95![1]).toBeCloseTo(0.3662, 4);
  });

  it('gives null rate and interval without answers', () => {
    expect(indicatorFromCounts(indicator('awareness'), { shown: 0, answered: 0, optionCounts: {} })).toEqual({
      code: 'awareness',
      name: '知晓率',
      kind: 'rate',
      numerator: 0,
      denominator: 0,
      rate: null,
      ci95: null,
    });
  });

  it('averages scores: 3×100, 1×80, 1×60 → 88, interval from the sample spread', () => {
    const result = indicatorFromCounts(indicator('timeliness'), { shown: 5, answered: 5, optionCounts: { A: 3, B: 1, C: 1 } }, question('q9'));
    expect(result).toMatchObject({ code: 'timeliness', kind: 'meanScore', numerator: 440, denominator: 5, meanScore: 88, rate: 0.88 });
    // sd = √320, standard error 8 points, half-width 1.96 × 8 = 15.68 points.
    expect(result.ci95![0]).toBeCloseTo(0.7232, 4);
    expect(result.ci95![1]).toBe(1);
  });

  it('throws when a mean score is asked without its question (a bug)', () => {
    expect(() => indicatorFromCounts(indicator('attitude'), { shown: 1, answered: 1, optionCounts: { A: 1 } })).toThrow();
  });
});

describe('counting responses', () => {
  const responses = [
    response({}),
    response({ q1: { optionIds: ['B'] }, q5: { optionIds: ['B'] }, q6: { optionIds: ['C'] }, q11: { optionIds: ['A'] }, q13: null }),
    response({ q5: { optionIds: ['A', 'B', 'C'] }, q9: { optionIds: ['E'] }, q11: { optionIds: ['B'] } }),
  ];

  it('counts shown, answered and ticks per question', () => {
    const counts = countAnswers(STANDARD_QUESTIONNAIRE, responses);
    expect(counts.q11).toEqual({ shown: 3, answered: 3, optionCounts: { A: 1, B: 1, C: 1 } });
    expect(counts.q5).toEqual({ shown: 3, answered: 3, optionCounts: { A: 2, B: 2, C: 1, D: 1, E: 0 } });
    expect(counts.q13).toEqual({ shown: 3, answered: 2, optionCounts: {} });
  });

  it('computes every declared indicator', () => {
    const results = indicatorsFromResponses(STANDARD_QUESTIONNAIRE, responses);
    expect(results.map((r) => [r.code, r.numerator, r.denominator])).toEqual([
      ['awareness', 2, 3],
      ['doctorAwareness', 3, 3],
      ['satisfaction', 2, 3],
      ['renewalIntention', 3, 3],
      ['timeliness', 180, 3],
      ['attitude', 300, 3],
    ]);
    expect(results.find((r) => r.code === 'timeliness')!.meanScore).toBe(60);
  });

  it('counts a multiple-choice rate by respondents, not ticks', () => {
    const onlineOrHospital = {
      ...STANDARD_QUESTIONNAIRE,
      indicators: [{ code: 'reach', name: '网络或医院知晓', kind: 'rate' as const, questionId: 'q5', optionIds: ['B', 'C'] }],
    };
    expect(indicatorsFromResponses(onlineOrHospital, responses)[0]).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('cross-tabulates two single-choice questions', () => {
    const table = crossTab(question('q1'), question('q11'), responses);
    expect(table.respondents).toBe(3);
    expect(table.cells.D).toEqual({ A: 0, B: 1, C: 1 });
    expect(table.cells.B).toEqual({ A: 1, B: 0, C: 0 });
    expect(table.cells.A).toEqual({ A: 0, B: 0, C: 0 });
  });
});
