import { prefilledAgeAnswer } from './age-prefill';
import { STANDARD_QUESTIONNAIRE } from './standard-questionnaire';

describe('prefilledAgeAnswer', () => {
  it('picks the age band of the standard questionnaire, the bounds inclusive', () => {
    expect(prefilledAgeAnswer(STANDARD_QUESTIONNAIRE, 18)).toEqual({ questionId: 'q1', optionId: 'A' });
    expect(prefilledAgeAnswer(STANDARD_QUESTIONNAIRE, 31)).toEqual({ questionId: 'q1', optionId: 'B' });
    expect(prefilledAgeAnswer(STANDARD_QUESTIONNAIRE, 65)).toEqual({ questionId: 'q1', optionId: 'C' });
    expect(prefilledAgeAnswer(STANDARD_QUESTIONNAIRE, 70)).toEqual({ questionId: 'q1', optionId: 'D' });
  });

  it('leaves the question to the interviewer when the age is unknown or fits no band', () => {
    expect(prefilledAgeAnswer(STANDARD_QUESTIONNAIRE, null)).toBeUndefined();
    expect(prefilledAgeAnswer(STANDARD_QUESTIONNAIRE, 12)).toBeUndefined();
  });

  it('finds no age question in a questionnaire without one', () => {
    const withoutAge = { ...STANDARD_QUESTIONNAIRE, questions: STANDARD_QUESTIONNAIRE.questions.slice(1) };
    expect(prefilledAgeAnswer(withoutAge, 40)).toBeUndefined();
  });
});
