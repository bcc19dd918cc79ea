import { NormalisedAnswer, Questionnaire, validateAnswers } from './questionnaire';
import { standardAnswers } from './questionnaire.test-helpers';
import { STANDARD_QUESTIONNAIRE } from './standard-questionnaire';
import { countAnswers, crossTab, indicatorsFromResponses } from './survey-report';
import { countTallyKeys, crossTabFromTallies, RespondentGroups, reportFromTallies, Tally, tallyKeys } from './survey-tally';

function checked(questionnaire: Questionnaire, overrides: Parameters<typeof standardAnswers>[0]): NormalisedAnswer[] {
  const result = validateAnswers(questionnaire, standardAnswers(overrides));
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

const groups = (overrides: Partial<RespondentGroups> = {}): RespondentGroups => ({
  institution: 'i1',
  team: 't1',
  keyGroup: [],
  ageBand: '65+',
  signingDuration: 'over1y',
  ...overrides,
});

/** A deterministic pseudo-random sequence, so the spec is repeatable. */
function lcg(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}

describe('tallyKeys and reportFromTallies', () => {
  const random = lcg(42);
  const pick = (ids: string[]) => ids[random(ids.length)];
  const responses: { answers: NormalisedAnswer[]; groups: RespondentGroups }[] = [];
  for (let i = 0; i < 300; i++) {
    const q5 = ['A', 'B', 'C', 'D', 'E'].filter(() => random(2) === 0);
    responses.push({
      answers: checked(STANDARD_QUESTIONNAIRE, {
        q1: { optionIds: [pick(['A', 'B', 'C', 'D'])] },
        q5: { optionIds: q5.length ? q5 : ['E'] },
        q6: { optionIds: [pick(['A', 'B', 'C'])] },
        q9: { optionIds: [pick(['A', 'B', 'C', 'D', 'E'])] },
        q11: { optionIds: [pick(['A', 'B', 'C'])] },
        q13: random(3) === 0 ? null : { text: '好' },
      }),
      groups: groups({ institution: pick(['i1', 'i2']), keyGroup: random(2) ? ['elderly65', 'hypertension'] : [] }),
    });
  }
  // Counters arrive split over shards and batches; the report must not care.
  const tallies: Tally[] = responses.flatMap((r, i) =>
    countTallyKeys(tallyKeys(STANDARD_QUESTIONNAIRE, r.answers, r.groups)).map((t) => ({ ...t, shard: i % 8 })),
  );
  const report = reportFromTallies(STANDARD_QUESTIONNAIRE, tallies, { institution: { i2: '东城', i1: '城关' } });

  it('gives the same question tables and indicators as counting the responses', () => {
    const counts = countAnswers(
      STANDARD_QUESTIONNAIRE,
      responses.map((r) => r.answers),
    );
    expect(report.respondents).toBe(300);
    for (const q of report.questions) {
      expect(q.validRespondents).toBe(counts[q.questionId].answered);
      for (const o of q.options) expect(o.count).toBe(counts[q.questionId].optionCounts[o.optionId]);
    }
    expect(report.questions.find((q) => q.questionId === 'q13')!.validRespondents).toBe(
      responses.filter((r) => r.answers.some((a) => a.questionId === 'q13')).length,
    );
    expect(report.indicators).toEqual(
      indicatorsFromResponses(
        STANDARD_QUESTIONNAIRE,
        responses.map((r) => r.answers),
      ),
    );
  });

  it('breaks indicators down per group, counting a respondent in each of its key groups', () => {
    expect(report.breakdowns.institution.map((b) => b.label)).toEqual(['东城', '城关']);
    for (const row of report.breakdowns.institution) {
      const mine = responses.filter((r) => r.groups.institution === row.key).map((r) => r.answers);
      expect(row.respondents).toBe(mine.length);
      expect(row.indicators).toEqual(indicatorsFromResponses(STANDARD_QUESTIONNAIRE, mine));
    }
    const tagged = responses.filter((r) => r.groups.keyGroup.length > 0).length;
    expect(report.breakdowns.keyGroup.map((b) => [b.key, b.respondents])).toEqual([
      ['elderly65', tagged],
      ['hypertension', tagged],
      ['none', 300 - tagged],
    ]);
  });

  it('gives cross-tabs of two single-choice questions either way round', () => {
    const q = (id: string) => STANDARD_QUESTIONNAIRE.questions.find((x) => x.id === id)!;
    const answers = responses.map((r) => r.answers);
    expect(crossTabFromTallies(STANDARD_QUESTIONNAIRE, 'q1', 'q11', tallies)).toEqual(crossTab(q('q1'), q('q11'), answers));
    expect(crossTabFromTallies(STANDARD_QUESTIONNAIRE, 'q11', 'q1', tallies)).toEqual(crossTab(q('q11'), q('q1'), answers));
    expect(() => crossTabFromTallies(STANDARD_QUESTIONNAIRE, 'q1', 'q5', tallies)).toThrow(RangeError);
  });

  it('counts a rate on a multiple-choice question by respondents who ticked any of its options', () => {
    const questionnaire: Questionnaire = {
      ...STANDARD_QUESTIONNAIRE,
      indicators: [{ code: 'media', name: '媒体知晓', kind: 'rate', questionId: 'q5', optionIds: ['A', 'B'] }],
    };
    const both = checked(questionnaire, { q5: { optionIds: ['A', 'B'] } });
    const none = checked(questionnaire, { q5: { optionIds: ['C'] } });
    const t = [...tallyKeys(questionnaire, both, groups()), ...tallyKeys(questionnaire, none, groups())].map((k) => ({ ...k, n: 1 }));
    expect(reportFromTallies(questionnaire, t).indicators[0]).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(reportFromTallies(questionnaire, t).breakdowns.team[0].indicators[0]).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('does not count a hidden question, and counts the shown one only for those who answered it', () => {
    const questionnaire: Questionnaire = {
      ...STANDARD_QUESTIONNAIRE,
      questions: STANDARD_QUESTIONNAIRE.questions.map((q) => (q.id === 'q3' ? { ...q, showIf: { questionId: 'q2', optionIds: ['A'] } } : q)),
    };
    const signed = checked(questionnaire, {});
    const unsigned = checked(questionnaire, { q2: { optionIds: ['B'] }, q3: null });
    const t = [signed, unsigned].flatMap((a) => countTallyKeys(tallyKeys(questionnaire, a, groups())));
    const q3 = reportFromTallies(questionnaire, t).questions.find((q) => q.questionId === 'q3')!;
    expect(q3.validRespondents).toBe(1);
    expect(q3.options.find((o) => o.optionId === 'C')).toMatchObject({ count: 1, percent: 1 });
  });
});
