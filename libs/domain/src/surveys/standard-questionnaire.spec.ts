import { validateQuestionnaire } from './questionnaire';
import { STANDARD_QUESTIONNAIRE } from './standard-questionnaire';

const q = (id: string) => STANDARD_QUESTIONNAIRE.questions.find((x) => x.id === id)!;

describe('STANDARD_QUESTIONNAIRE', () => {
  it('has the 13 questions q1..q13, all required but the free-text q13, no display logic', () => {
    const questions = STANDARD_QUESTIONNAIRE.questions;
    expect(questions.map((x) => x.id)).toEqual(Array.from({ length: 13 }, (_, i) => `q${i + 1}`));
    expect(questions.filter((x) => !x.required).map((x) => x.id)).toEqual(['q13']);
    expect(questions.some((x) => x.showIf)).toBe(false);
    expect(questions.map((x) => x.type)).toEqual([
      'single',
      'single',
      'single',
      'single',
      'multiple',
      'single',
      'single',
      'single',
      'single',
      'single',
      'single',
      'multiple',
      'text',
    ]);
  });

  it('keeps the wording of the evaluators', () => {
    expect(q('q1')).toEqual({
      id: 'q1',
      title: '您的年龄',
      type: 'single',
      required: true,
      options: [
        { id: 'A', label: '18-30岁' },
        { id: 'B', label: '31-50岁' },
        { id: 'C', label: '51-65岁' },
        { id: 'D', label: '65岁以上' },
      ],
    });
    expect(q('q4').options.map((o) => o.label)).toEqual(['65周岁以上老年人', '高血压', '糖尿病', '0-6岁儿童', '孕产妇', '其他']);
    expect(q('q11').options.map((o) => `${o.id} ${o.label}`)).toEqual(['A 非常不满意', 'B 认可', 'C 非常满意']);
    expect(q('q13')).toEqual({ id: 'q13', title: '对于家庭医生服务，您还有其他任何意见或建议吗？', type: 'text', required: false, options: [] });
  });

  it('scores q9 and q10 from 100 down to 20 and nothing else', () => {
    expect(q('q9').options.map((o) => o.score)).toEqual([100, 80, 60, 40, 20]);
    expect(q('q10').options.map((o) => o.score)).toEqual([100, 80, 60, 40, 20]);
    expect(q('q6').options.every((o) => o.score === undefined)).toBe(true);
  });

  it('declares the default indicators', () => {
    expect(STANDARD_QUESTIONNAIRE.indicators).toEqual([
      { code: 'awareness', name: '知晓率', kind: 'rate', questionId: 'q6', optionIds: ['A', 'B'] },
      { code: 'doctorAwareness', name: '家庭医生知晓率', kind: 'rate', questionId: 'q7', optionIds: ['A'] },
      { code: 'satisfaction', name: '满意率', kind: 'rate', questionId: 'q11', optionIds: ['B', 'C'] },
      { code: 'renewalIntention', name: '续约意愿率', kind: 'rate', questionId: 'q8', optionIds: ['A'] },
      { code: 'timeliness', name: '帮助及时性得分', kind: 'meanScore', questionId: 'q9' },
      { code: 'attitude', name: '服务态度得分', kind: 'meanScore', questionId: 'q10' },
    ]);
  });

  it('is a valid questionnaire', () => {
    expect(validateQuestionnaire(STANDARD_QUESTIONNAIRE)).toEqual({ ok: true, value: STANDARD_QUESTIONNAIRE });
  });
});
