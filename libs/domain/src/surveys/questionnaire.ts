import { ok, refuse, Result } from '../result';

export type QuestionType = 'single' | 'multiple' | 'text' | 'rating';

export interface QuestionOption {
  id: string;
  label: string;
  score?: number;
}

export interface Question {
  id: string;
  title: string;
  type: QuestionType;
  required: boolean;
  options: QuestionOption[];
  /** Shown only when the answer to `questionId` includes one of `optionIds`. */
  showIf?: { questionId: string; optionIds: string[] };
  /**
   * The answer reveals health information ("which group are you in": 糖尿病, 孕产妇…): it is kept
   * only encrypted on the response and in the wave's counters, never as a per-respondent row in clear.
   */
  sensitive?: boolean;
}

/** An indicator declared as data: a rate over chosen options, or the mean of option scores. */
export type IndicatorDefinition =
  { code: string; name: string; kind: 'rate'; questionId: string; optionIds: string[] } | { code: string; name: string; kind: 'meanScore'; questionId: string };

export interface Questionnaire {
  code: string;
  version: number;
  title: string;
  questions: Question[];
  indicators: IndicatorDefinition[];
}

/** An answer as a client sends it. */
export interface AnswerInput {
  questionId: string;
  optionIds?: string[];
  text?: string;
}

/** A checked answer: options in the question's order, trimmed text, the option's score when it has one. */
export interface NormalisedAnswer {
  questionId: string;
  optionIds: string[];
  text?: string;
  score?: number;
}

export const MAX_TEXT_ANSWER_LENGTH = 500;

const CHOICE_TYPES: readonly QuestionType[] = ['single', 'multiple', 'rating'];

/**
 * True when a question is shown, given the answers so far (keyed by question id).
 * @example isQuestionShown({ ...q3, showIf: { questionId: 'q2', optionIds: ['A'] } }, { q2: { optionIds: ['B'] } }) // → false
 */
export function isQuestionShown(
  question: Pick<Question, 'showIf'>,
  answersById: Readonly<Record<string, { optionIds?: readonly string[] } | undefined>>,
): boolean {
  if (!question.showIf) return true;
  const { questionId, optionIds } = question.showIf;
  return answersById[questionId]?.optionIds?.some((id) => optionIds.includes(id)) ?? false;
}

function isEmpty(answer: AnswerInput): boolean {
  return (answer.optionIds ?? []).length === 0 && (answer.text ?? '').trim() === '';
}

function questionLabel(questionnaire: Questionnaire, question: Question): string {
  return `第${questionnaire.questions.indexOf(question) + 1}题（${question.title}）`;
}

/**
 * Checks a response against a questionnaire and normalises it (question order, option order,
 * trimmed text; empty answers dropped).
 * @example validateAnswers(STANDARD_QUESTIONNAIRE, [{ questionId: 'q1', optionIds: ['A', 'B'] }, ...])
 *   // → { ok: false, code: 'SURVEY.SINGLE_CHOICE_MULTIPLE', message: '第1题（您的年龄）只能选一项', field: 'answers[0].optionIds' }
 */
export function validateAnswers(questionnaire: Questionnaire, answers: readonly AnswerInput[]): Result<NormalisedAnswer[]> {
  const byQuestion = new Map<string, { answer: AnswerInput; index: number }>();
  for (const [index, answer] of answers.entries()) {
    const field = `answers[${index}]`;
    const question = questionnaire.questions.find((q) => q.id === answer.questionId);
    if (!question) return refuse('SURVEY.UNKNOWN_QUESTION', '问卷里没有这道题，请刷新后重新填写', `${field}.questionId`);
    if (byQuestion.has(question.id)) {
      return refuse('SURVEY.DUPLICATE_QUESTION', `${questionLabel(questionnaire, question)}回答了两次`, `${field}.questionId`);
    }
    byQuestion.set(question.id, { answer, index });
    const optionIds = answer.optionIds ?? [];
    const text = answer.text ?? '';
    if (CHOICE_TYPES.includes(question.type)) {
      if (text.trim() !== '') {
        return refuse('SURVEY.ANSWER_TYPE', `${questionLabel(questionnaire, question)}是选择题，请选择选项`, `${field}.text`);
      }
      if (optionIds.some((id) => !question.options.some((o) => o.id === id))) {
        return refuse('SURVEY.UNKNOWN_OPTION', `${questionLabel(questionnaire, question)}没有这个选项`, `${field}.optionIds`);
      }
      if (question.type !== 'multiple' && new Set(optionIds).size > 1) {
        return refuse('SURVEY.SINGLE_CHOICE_MULTIPLE', `${questionLabel(questionnaire, question)}只能选一项`, `${field}.optionIds`);
      }
    } else {
      if (optionIds.length > 0) {
        return refuse('SURVEY.ANSWER_TYPE', `${questionLabel(questionnaire, question)}请直接填写文字`, `${field}.optionIds`);
      }
      if ([...text.trim()].length > MAX_TEXT_ANSWER_LENGTH) {
        return refuse('SURVEY.TEXT_TOO_LONG', `${questionLabel(questionnaire, question)}最多填写${MAX_TEXT_ANSWER_LENGTH}个字`, `${field}.text`);
      }
    }
  }

  const normalised: NormalisedAnswer[] = [];
  const shownAnswers: Record<string, NormalisedAnswer> = {};
  for (const question of questionnaire.questions) {
    const given = byQuestion.get(question.id);
    const answered = given !== undefined && !isEmpty(given.answer);
    if (!isQuestionShown(question, shownAnswers)) {
      if (answered) {
        return refuse('SURVEY.HIDDEN_QUESTION_ANSWERED', `${questionLabel(questionnaire, question)}根据前面的回答不用填写`, `answers[${given.index}]`);
      }
      continue;
    }
    if (!answered) {
      if (question.required) {
        return refuse('SURVEY.REQUIRED', `${questionLabel(questionnaire, question)}还没有回答`, 'answers');
      }
      continue;
    }
    const answer: NormalisedAnswer = { questionId: question.id, optionIds: [] };
    if (question.type === 'text') {
      answer.text = given.answer.text!.trim();
    } else {
      const chosen = question.options.filter((o) => given.answer.optionIds!.includes(o.id));
      answer.optionIds = chosen.map((o) => o.id);
      if (question.type !== 'multiple' && chosen[0].score !== undefined) answer.score = chosen[0].score;
    }
    normalised.push(answer);
    shownAnswers[question.id] = answer;
  }
  return ok(normalised);
}

/**
 * Checks a questionnaire an admin writes: unique ids, options fitting the question type, display
 * logic pointing back to an earlier choice question, indicators pointing at real questions and options.
 * @example validateQuestionnaire(STANDARD_QUESTIONNAIRE) // → { ok: true, value: STANDARD_QUESTIONNAIRE }
 */
export function validateQuestionnaire(questionnaire: Questionnaire): Result<Questionnaire> {
  const { questions, indicators } = questionnaire;
  if (!questionnaire.code || questionnaire.code.trim() === '') return refuse('QUESTIONNAIRE.CODE', '请填写问卷编码', 'code');
  if (!questionnaire.title || questionnaire.title.trim() === '') return refuse('QUESTIONNAIRE.TITLE', '请填写问卷标题', 'title');
  if (!Number.isSafeInteger(questionnaire.version) || questionnaire.version < 1) {
    return refuse('QUESTIONNAIRE.VERSION', '问卷版本号要是正整数', 'version');
  }
  if (questions.length === 0) return refuse('QUESTIONNAIRE.NO_QUESTIONS', '问卷至少要有一道题', 'questions');
  for (const [i, q] of questions.entries()) {
    const field = `questions[${i}]`;
    if (!q.id || questions.findIndex((other) => other.id === q.id) !== i) {
      return refuse('QUESTIONNAIRE.QUESTION_ID', `第${i + 1}题的编号为空或重复`, `${field}.id`);
    }
    if (!q.title || q.title.trim() === '') return refuse('QUESTIONNAIRE.QUESTION_TITLE', `第${i + 1}题没有题目`, `${field}.title`);
    if (q.type === 'text') {
      if (q.options.length > 0) return refuse('QUESTIONNAIRE.OPTIONS', `第${i + 1}题是填空题，不能有选项`, `${field}.options`);
    } else if (CHOICE_TYPES.includes(q.type)) {
      if (q.options.length < 2) return refuse('QUESTIONNAIRE.OPTIONS', `第${i + 1}题至少要有两个选项`, `${field}.options`);
      for (const [j, o] of q.options.entries()) {
        if (!o.id || q.options.findIndex((other) => other.id === o.id) !== j || !o.label || o.label.trim() === '') {
          return refuse('QUESTIONNAIRE.OPTIONS', `第${i + 1}题第${j + 1}个选项的编号或内容为空或重复`, `${field}.options[${j}]`);
        }
        if (o.score !== undefined && !Number.isFinite(o.score)) {
          return refuse('QUESTIONNAIRE.SCORE', `第${i + 1}题第${j + 1}个选项的分值不正确`, `${field}.options[${j}].score`);
        }
        if (q.type === 'rating' && o.score === undefined) {
          return refuse('QUESTIONNAIRE.SCORE', `第${i + 1}题是评分题，每个选项都要有分值`, `${field}.options[${j}].score`);
        }
      }
    } else {
      return refuse('QUESTIONNAIRE.QUESTION_TYPE', `第${i + 1}题的题型不正确`, `${field}.type`);
    }
    if (q.showIf) {
      const parent = questions.slice(0, i).find((p) => p.id === q.showIf!.questionId);
      const valid =
        parent !== undefined &&
        parent.type !== 'text' &&
        q.showIf.optionIds.length > 0 &&
        q.showIf.optionIds.every((id) => parent.options.some((o) => o.id === id));
      if (!valid) {
        return refuse('QUESTIONNAIRE.SHOW_IF', `第${i + 1}题的显示条件要指向前面某道选择题的选项`, `${field}.showIf`);
      }
    }
  }
  for (const [i, def] of indicators.entries()) {
    const field = `indicators[${i}]`;
    if (!def.code || indicators.findIndex((other) => other.code === def.code) !== i || !def.name) {
      return refuse('QUESTIONNAIRE.INDICATOR', `第${i + 1}个指标的编码或名称为空或重复`, field);
    }
    const question = questions.find((q) => q.id === def.questionId);
    if (!question || question.type === 'text') {
      return refuse('QUESTIONNAIRE.INDICATOR', `指标“${def.name}”要对应一道选择题`, `${field}.questionId`);
    }
    if (def.kind === 'rate') {
      if (def.optionIds.length === 0 || !def.optionIds.every((id) => question.options.some((o) => o.id === id))) {
        return refuse('QUESTIONNAIRE.INDICATOR', `指标“${def.name}”的选项不在题目中`, `${field}.optionIds`);
      }
    } else if (def.kind === 'meanScore') {
      if (question.type === 'multiple' || !question.options.every((o) => o.score !== undefined)) {
        return refuse('QUESTIONNAIRE.INDICATOR', `指标“${def.name}”要对应每个选项都有分值的单选题`, `${field}.questionId`);
      }
    } else {
      return refuse('QUESTIONNAIRE.INDICATOR', `第${i + 1}个指标的类型不正确`, `${field}.kind`);
    }
  }
  return ok(questionnaire);
}
