import { REFUSAL_KINDS, RefusalCode, refuse } from '@jiayi/domain';
import { refusalError } from './api-error';

/** Every refusal code with the one status the API answers it with (the refusal table of libs/domain). */
const EXPECTED_STATUS: Record<RefusalCode, 400 | 409> = Object.fromEntries(
  Object.keys(REFUSAL_KINDS).map((code) => [code, /^(ID|POLICY|QUESTIONNAIRE)\.|NAME_|PACKAGE\.(?!INSURANCE_CAP|CODE_TAKEN|CODE_IMMUTABLE)/.test(code) ? 400 : 409]),
) as Record<RefusalCode, 400 | 409>;
Object.assign(EXPECTED_STATUS, {
  'PERSON.ALREADY_REGISTERED': 409,
  'QUESTIONNAIRE.VERSION_TAKEN': 409,
  'QUOTE.YEARS': 400,
  'QUOTE.UNKNOWN_PACKAGE': 400,
  'QUOTE.DUPLICATE_PACKAGE': 400,
  'CONTRACT.TERMINATION_REASON': 400,
  'SURVEY.UNKNOWN_QUESTION': 400,
  'SURVEY.DUPLICATE_QUESTION': 400,
  'SURVEY.UNKNOWN_OPTION': 400,
  'SURVEY.ANSWER_TYPE': 400,
  'SURVEY.SINGLE_CHOICE_MULTIPLE': 400,
  'SURVEY.TEXT_TOO_LONG': 400,
  'SURVEY.REQUIRED': 400,
  'SURVEY.HIDDEN_QUESTION_ANSWERED': 400,
});

describe('the refusal table as HTTP statuses', () => {
  it.each(Object.entries(EXPECTED_STATUS))('%s → %d', (code, status) => {
    const error = refusalError(refuse(code as RefusalCode, '不行', 'field'));
    expect(error.getStatus()).toBe(status);
    expect(error.getResponse()).toMatchObject({ statusCode: status, code, message: '不行', details: [{ field: 'field', message: '不行' }] });
  });
});
