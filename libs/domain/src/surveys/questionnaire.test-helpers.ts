import { AnswerInput } from './questionnaire';

/** A complete answer sheet for the standard questionnaire; override single answers by question id. */
export function standardAnswers(overrides: Record<string, Omit<AnswerInput, 'questionId'> | null> = {}): AnswerInput[] {
  const defaults: Record<string, Omit<AnswerInput, 'questionId'>> = {
    q1: { optionIds: ['D'] },
    q2: { optionIds: ['A'] },
    q3: { optionIds: ['C'] },
    q4: { optionIds: ['A'] },
    q5: { optionIds: ['A', 'D'] },
    q6: { optionIds: ['B'] },
    q7: { optionIds: ['A'] },
    q8: { optionIds: ['A'] },
    q9: { optionIds: ['B'] },
    q10: { optionIds: ['A'] },
    q11: { optionIds: ['C'] },
    q12: { optionIds: ['E'] },
    q13: { text: '希望多来村里巡诊' },
  };
  return Object.entries({ ...defaults, ...overrides })
    .filter((entry): entry is [string, Omit<AnswerInput, 'questionId'>] => entry[1] !== null)
    .map(([questionId, answer]) => ({ questionId, ...answer }));
}
