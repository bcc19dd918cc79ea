import { rate } from '../stats/wilson';
import { IndicatorDefinition, isQuestionShown, NormalisedAnswer, Question, Questionnaire, QuestionType } from './questionnaire';

/** Aggregate counts for one question: respondents it was shown to, who answered, ticks per option. */
export interface QuestionCounts {
  shown: number;
  answered: number;
  optionCounts: Record<string, number>;
}

export interface QuestionReport {
  questionId: string;
  title: string;
  type: QuestionType;
  /** 本题有效填写人次 */
  validRespondents: number;
  /** 小计 and 比例; percent is a fraction of validRespondents. */
  options: { optionId: string; label: string; count: number; percent: number }[];
}

/**
 * For a rate: numerator / denominator respondents with the Wilson 95 % interval.
 * For a mean score: numerator = sum of scores, denominator = scored respondents, meanScore = their mean,
 * rate = mean / 100 (scores run 0–100), ci95 = normal interval of the mean / 100
 * (sample standard deviation, z = 1.96, clipped to [0, 1]; null below 2 respondents).
 */
export interface IndicatorResult {
  code: string;
  name: string;
  kind: 'rate' | 'meanScore';
  numerator: number;
  denominator: number;
  rate: number | null;
  ci95: [number, number] | null;
  meanScore?: number | null;
}

const Z95 = 1.959964;

/**
 * The per-question table of survey tools. For multiple choice the base is the respondents who
 * answered, not the ticks, so the shares can add up past 100 %.
 * @example buildQuestionReport(q5, { shown: 10, answered: 10, optionCounts: { A: 6, B: 7 } }).options[1].percent // → 0.7
 */
export function buildQuestionReport(question: Question, counts: QuestionCounts): QuestionReport {
  const base = counts.answered;
  return {
    questionId: question.id,
    title: question.title,
    type: question.type,
    validRespondents: base,
    options: question.options.map((o) => {
      const count = counts.optionCounts[o.id] ?? 0;
      return { optionId: o.id, label: o.label, count, percent: base === 0 ? 0 : count / base };
    }),
  };
}

/**
 * An indicator from a question's counts. A rate counts respondents who chose one of its options:
 * exact for single choice; for a multiple-choice question pass `matching` (respondents who ticked
 * any of them), or use `indicatorsFromResponses`. A mean score needs the question for the option scores.
 * @example indicatorFromCounts(satisfaction, { shown: 263, answered: 263, optionCounts: { A: 182, B: 50, C: 31 } })
 *   // → { code: 'satisfaction', name: '满意率', kind: 'rate', numerator: 81, denominator: 263, rate: 0.308…, ci95: [0.2553…, 0.3662…] }
 */
export function indicatorFromCounts(def: IndicatorDefinition, counts: QuestionCounts & { matching?: number }, question?: Question): IndicatorResult {
  if (def.kind === 'rate') {
    const numerator = counts.matching ?? def.optionIds.reduce((sum, id) => sum + (counts.optionCounts[id] ?? 0), 0);
    return { code: def.code, name: def.name, kind: 'rate', ...rate(numerator, counts.answered) };
  }
  if (!question || question.id !== def.questionId) throw new Error(`mean score ${def.code} needs question ${def.questionId}`);
  let n = 0;
  let sum = 0;
  let sumSquares = 0;
  for (const option of question.options) {
    const count = counts.optionCounts[option.id] ?? 0;
    if (option.score === undefined || count === 0) continue;
    n += count;
    sum += count * option.score;
    sumSquares += count * option.score * option.score;
  }
  const base = { code: def.code, name: def.name, kind: 'meanScore' as const, numerator: sum, denominator: n };
  if (n === 0) return { ...base, rate: null, ci95: null, meanScore: null };
  const mean = sum / n;
  let ci95: [number, number] | null = null;
  if (n >= 2) {
    const variance = Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
    const half = (Z95 * Math.sqrt(variance / n)) / 100;
    ci95 = [Math.max(0, mean / 100 - half), Math.min(1, mean / 100 + half)];
  }
  return { ...base, rate: mean / 100, ci95, meanScore: mean };
}

/**
 * Counts per question over checked responses (each the output of validateAnswers).
 * @example countAnswers(STANDARD_QUESTIONNAIRE, responses).q11 // → { shown: 3, answered: 3, optionCounts: { A: 0, B: 1, C: 2 } }
 */
export function countAnswers(questionnaire: Questionnaire, responses: readonly (readonly NormalisedAnswer[])[]): Record<string, QuestionCounts> {
  const counts: Record<string, QuestionCounts> = {};
  for (const q of questionnaire.questions) {
    counts[q.id] = { shown: 0, answered: 0, optionCounts: Object.fromEntries(q.options.map((o) => [o.id, 0])) };
  }
  for (const response of responses) {
    const byId = Object.fromEntries(response.map((a) => [a.questionId, a]));
    for (const q of questionnaire.questions) {
      if (!isQuestionShown(q, byId)) continue;
      const c = counts[q.id];
      c.shown += 1;
      const answer = byId[q.id];
      if (!answer || (answer.optionIds.length === 0 && !answer.text)) continue;
      c.answered += 1;
      for (const id of answer.optionIds) if (id in c.optionCounts) c.optionCounts[id] += 1;
    }
  }
  return counts;
}

/**
 * Every declared indicator over checked responses; rates count respondents, also for multiple choice.
 * @example indicatorsFromResponses(STANDARD_QUESTIONNAIRE, responses).find((i) => i.code === 'satisfaction')?.rate // → 0.9
 */
export function indicatorsFromResponses(questionnaire: Questionnaire, responses: readonly (readonly NormalisedAnswer[])[]): IndicatorResult[] {
  const counts = countAnswers(questionnaire, responses);
  return questionnaire.indicators.map((def) => {
    const question = questionnaire.questions.find((q) => q.id === def.questionId);
    if (!question) throw new Error(`indicator ${def.code} points at unknown question ${def.questionId}`);
    if (def.kind === 'meanScore') return indicatorFromCounts(def, counts[def.questionId], question);
    const matching = responses.filter((r) => r.some((a) => a.questionId === def.questionId && a.optionIds.some((id) => def.optionIds.includes(id)))).length;
    return indicatorFromCounts(def, { ...counts[def.questionId], matching }, question);
  });
}

/**
 * Cross-tab of two single-choice questions over respondents who answered both:
 * cells[rowOptionId][columnOptionId] = respondents.
 * @example crossTab(q1, q11, responses).cells.D.C // → 65岁以上 respondents who are 非常满意
 */
export function crossTab(
  rows: Question,
  columns: Question,
  responses: readonly (readonly NormalisedAnswer[])[],
): { rowQuestionId: string; columnQuestionId: string; cells: Record<string, Record<string, number>>; respondents: number } {
  const cells: Record<string, Record<string, number>> = {};
  for (const r of rows.options) cells[r.id] = Object.fromEntries(columns.options.map((c) => [c.id, 0]));
  let respondents = 0;
  for (const response of responses) {
    const rowId = response.find((a) => a.questionId === rows.id)?.optionIds[0];
    const columnId = response.find((a) => a.questionId === columns.id)?.optionIds[0];
    if (rowId === undefined || columnId === undefined || !(rowId in cells) || !(columnId in cells[rowId])) continue;
    cells[rowId][columnId] += 1;
    respondents += 1;
  }
  return { rowQuestionId: rows.id, columnQuestionId: columns.id, cells, respondents };
}
