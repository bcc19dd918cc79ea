import { NormalisedAnswer, Question, Questionnaire } from './questionnaire';
import { buildQuestionReport, IndicatorResult, indicatorFromCounts, QuestionCounts, QuestionReport } from './survey-report';

/** The respondent groups a report breaks its indicators down by. */
export type BreakdownDimension = 'institution' | 'team' | 'keyGroup' | 'ageBand' | 'signingDuration';
export const BREAKDOWN_DIMENSIONS: readonly BreakdownDimension[] = ['institution', 'team', 'keyGroup', 'ageBand', 'signingDuration'];

/** Which group of each dimension a respondent belongs to when answering (several key groups, or none). */
export interface RespondentGroups {
  institution: string;
  team: string;
  keyGroup: readonly string[];
  ageBand: string;
  signingDuration: string;
}

/** The key group of respondents in none. */
export const NO_KEY_GROUP = 'none';

/**
 * One counter of a wave's running totals. `dimension: 'all'` holds every question's counts;
 * a breakdown dimension holds the counts its indicators need for one group (`key`);
 * `'pair'` holds the cross-tab cells of two single-choice questions (`key` = `rowQuestion=rowOption`).
 * `questionId: ''` counts respondents; `optionId: ''` counts who answered the question;
 * `optionId: '@<indicator code>'` counts who matched a rate indicator on a multiple-choice question.
 */
export interface TallyKey {
  dimension: 'all' | 'pair' | BreakdownDimension;
  key: string;
  questionId: string;
  optionId: string;
}

export interface Tally extends TallyKey {
  n: number;
}

const isChoiceOfOne = (q: Question) => q.type === 'single' || q.type === 'rating';

function questionKeys(questionnaire: Questionnaire, question: Question, answer: NormalisedAnswer, dimension: TallyKey['dimension'], key: string): TallyKey[] {
  const keys: TallyKey[] = [{ dimension, key, questionId: question.id, optionId: '' }];
  for (const optionId of answer.optionIds) keys.push({ dimension, key, questionId: question.id, optionId });
  if (question.type === 'multiple') {
    for (const def of questionnaire.indicators) {
      if (def.kind === 'rate' && def.questionId === question.id && answer.optionIds.some((id) => def.optionIds.includes(id))) {
        keys.push({ dimension, key, questionId: question.id, optionId: `@${def.code}` });
      }
    }
  }
  return keys;
}

/**
 * The counters one checked response adds 1 to: every answered question overall, the questions of
 * the indicators per respondent group, and the cross-tab cells of each two answered single-choice questions.
 * @example tallyKeys(STANDARD_QUESTIONNAIRE, answers, groups).filter((k) => k.dimension === 'all' && k.questionId === 'q11')
 *   // → [{ dimension: 'all', key: '', questionId: 'q11', optionId: '' }, { ..., optionId: 'C' }]
 */
export function tallyKeys(questionnaire: Questionnaire, answers: readonly NormalisedAnswer[], groups: RespondentGroups): TallyKey[] {
  const byId = new Map(answers.map((a) => [a.questionId, a]));
  const answered = questionnaire.questions.filter((q) => {
    const a = byId.get(q.id);
    return a !== undefined && (a.optionIds.length > 0 || (a.text ?? '') !== '');
  });
  const keys: TallyKey[] = [{ dimension: 'all', key: '', questionId: '', optionId: '' }];
  for (const q of answered) keys.push(...questionKeys(questionnaire, q, byId.get(q.id)!, 'all', ''));

  const single = answered.filter(isChoiceOfOne);
  for (const [i, row] of single.entries()) {
    const rowOption = byId.get(row.id)!.optionIds[0];
    for (const column of single.slice(i + 1)) {
      keys.push({ dimension: 'pair', key: `${row.id}=${rowOption}`, questionId: column.id, optionId: byId.get(column.id)!.optionIds[0] });
    }
  }

  const indicatorQuestions = new Set(questionnaire.indicators.map((d) => d.questionId));
  for (const dimension of BREAKDOWN_DIMENSIONS) {
    const groupKeys = dimension === 'keyGroup' ? (groups.keyGroup.length > 0 ? [...new Set(groups.keyGroup)] : [NO_KEY_GROUP]) : [groups[dimension]];
    for (const key of groupKeys) {
      keys.push({ dimension, key, questionId: '', optionId: '' });
      for (const q of answered) if (indicatorQuestions.has(q.id)) keys.push(...questionKeys(questionnaire, q, byId.get(q.id)!, dimension, key));
    }
  }
  return keys;
}

/** Sums tallies by key (shards, batches) into a lookup. */
function sumTallies(tallies: readonly Tally[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const t of tallies) {
    const id = tallyId(t);
    sums.set(id, (sums.get(id) ?? 0) + Number(t.n));
  }
  return sums;
}

/** A stable text id of a tally key (also its sort order, so writers lock counters in one order). */
export function tallyId(k: TallyKey): string {
  return `${k.dimension}\u0001${k.key}\u0001${k.questionId}\u0001${k.optionId}`;
}

/**
 * Adds up tally keys into tallies, sorted by key.
 * @example countTallyKeys([k, k]) // → [{ ...k, n: 2 }]
 */
export function countTallyKeys(keys: readonly TallyKey[], times = 1): Tally[] {
  const byId = new Map<string, Tally>();
  for (const k of keys) {
    const id = tallyId(k);
    const existing = byId.get(id);
    if (existing) existing.n += times;
    else byId.set(id, { dimension: k.dimension, key: k.key, questionId: k.questionId, optionId: k.optionId, n: times });
  }
  return [...byId.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
}

export interface BreakdownRow {
  key: string;
  label: string;
  respondents: number;
  indicators: IndicatorResult[];
}

export interface SurveyReportBody {
  respondents: number;
  questions: QuestionReport[];
  indicators: IndicatorResult[];
  breakdowns: Record<BreakdownDimension, BreakdownRow[]>;
}

/** Labels of the groups, per dimension, in the order they should be listed. */
export type GroupLabels = Partial<Record<BreakdownDimension, Record<string, string>>>;

function reader(sums: Map<string, number>) {
  const get = (dimension: TallyKey['dimension'], key: string, questionId: string, optionId: string) =>
    sums.get(tallyId({ dimension, key, questionId, optionId })) ?? 0;
  const counts = (dimension: TallyKey['dimension'], key: string, question: Question): QuestionCounts => {
    const answered = get(dimension, key, question.id, '');
    return { shown: answered, answered, optionCounts: Object.fromEntries(question.options.map((o) => [o.id, get(dimension, key, question.id, o.id)])) };
  };
  return { get, counts };
}

function indicators(questionnaire: Questionnaire, read: ReturnType<typeof reader>, dimension: TallyKey['dimension'], key: string): IndicatorResult[] {
  return questionnaire.indicators.map((def) => {
    const question = questionnaire.questions.find((q) => q.id === def.questionId);
    if (!question) throw new Error(`indicator ${def.code} points at unknown question ${def.questionId}`);
    const counts = read.counts(dimension, key, question);
    const matching = def.kind === 'rate' && question.type === 'multiple' ? read.get(dimension, key, question.id, `@${def.code}`) : undefined;
    return indicatorFromCounts(def, matching === undefined ? counts : { ...counts, matching }, question);
  });
}

/**
 * The survey report from summed counters: per question option, count and share of the question's
 * valid respondents; each indicator with n and 95 % interval; the indicators per respondent group.
 * @example reportFromTallies(STANDARD_QUESTIONNAIRE, tallies, { institution: { i1: '城关镇卫生院' } }).indicators[2].rate // → 0.9
 */
export function reportFromTallies(questionnaire: Questionnaire, tallies: readonly Tally[], labels: GroupLabels = {}): SurveyReportBody {
  const read = reader(sumTallies(tallies));
  const breakdowns = {} as Record<BreakdownDimension, BreakdownRow[]>;
  for (const dimension of BREAKDOWN_DIMENSIONS) {
    const known = Object.keys(labels[dimension] ?? {});
    const present = [...new Set(tallies.filter((t) => t.dimension === dimension && t.questionId === '' && Number(t.n) > 0).map((t) => t.key))];
    const keys = [...known.filter((k) => present.includes(k)), ...present.filter((k) => !known.includes(k)).sort()];
    breakdowns[dimension] = keys.map((key) => ({
      key,
      label: labels[dimension]?.[key] ?? key,
      respondents: read.get(dimension, key, '', ''),
      indicators: indicators(questionnaire, read, dimension, key),
    }));
  }
  return {
    respondents: read.get('all', '', '', ''),
    questions: questionnaire.questions.map((q) => buildQuestionReport(q, read.counts('all', '', q))),
    indicators: indicators(questionnaire, read, 'all', ''),
    breakdowns,
  };
}

export interface CrossTab {
  rowQuestionId: string;
  columnQuestionId: string;
  respondents: number;
  cells: Record<string, Record<string, number>>;
}

/**
 * The cross-tab of two single-choice questions from the pair counters, either way round.
 * @example crossTabFromTallies(STANDARD_QUESTIONNAIRE, 'q1', 'q11', tallies).cells.D.C // → 65岁以上 respondents who are 非常满意
 */
export function crossTabFromTallies(questionnaire: Questionnaire, rowQuestionId: string, columnQuestionId: string, tallies: readonly Tally[]): CrossTab {
  const rows = questionnaire.questions.find((q) => q.id === rowQuestionId);
  const columns = questionnaire.questions.find((q) => q.id === columnQuestionId);
  if (!rows || !columns || !isChoiceOfOne(rows) || !isChoiceOfOne(columns) || rows === columns) {
    throw new RangeError(`cross-tab needs two different single-choice questions: ${rowQuestionId}, ${columnQuestionId}`);
  }
  const read = reader(sumTallies(tallies));
  const rowsFirst = questionnaire.questions.indexOf(rows) < questionnaire.questions.indexOf(columns);
  const cells: Record<string, Record<string, number>> = {};
  let respondents = 0;
  for (const r of rows.options) {
    cells[r.id] = {};
    for (const c of columns.options) {
      const n = rowsFirst ? read.get('pair', `${rows.id}=${r.id}`, columns.id, c.id) : read.get('pair', `${columns.id}=${c.id}`, rows.id, r.id);
      cells[r.id][c.id] = n;
      respondents += n;
    }
  }
  return { rowQuestionId, columnQuestionId, respondents, cells };
}
