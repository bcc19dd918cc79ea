import type { Questionnaire } from './questionnaire';

const RANGE = /^(\d+)\s*[-~至到]\s*(\d+)\s*(周)?岁/;
const AT_LEAST = /^(\d+)\s*(周)?岁(及)?以上/;
const BELOW = /^(\d+)\s*(周)?岁以下/;

/** Whether an age-band label ('18-30岁', '65岁以上', '18岁以下') holds the age; undefined when it is no band. */
function inBand(label: string, age: number): boolean | undefined {
  const text = label.trim();
  const range = RANGE.exec(text);
  if (range) return age >= Number(range[1]) && age <= Number(range[2]);
  const atLeast = AT_LEAST.exec(text);
  // '65岁以上' in the standard questionnaire follows '51-65岁': the band above starts after 65.
  if (atLeast) return age > Number(atLeast[1]) || (age === Number(atLeast[1]) && !!atLeast[3]);
  const below = BELOW.exec(text);
  if (below) return age < Number(below[1]);
  return undefined;
}

/**
 * The answer to the questionnaire's age question (a single-choice question about 年龄 whose options
 * are age bands) for a person of this age, so an interviewer does not ask what the record knows.
 * @example prefilledAgeAnswer(STANDARD_QUESTIONNAIRE, 70) // → { questionId: 'q1', optionId: 'D' }
 */
export function prefilledAgeAnswer(questionnaire: Questionnaire, age: number | null | undefined): { questionId: string; optionId: string } | undefined {
  if (age === null || age === undefined) return undefined;
  const question = questionnaire.questions.find(
    (q) => q.type === 'single' && q.title.includes('年龄') && q.options.every((o) => inBand(o.label, 0) !== undefined),
  );
  const option = question?.options.find((o) => inBand(o.label, age));
  return question && option ? { questionId: question.id, optionId: option.id } : undefined;
}
