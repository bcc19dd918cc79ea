/**
 * The performance-evaluation indicators (绩效考核, domain.md §9) as data: one entry per indicator.
 * Adding an indicator is one entry here plus the counter that fills it in the API.
 */

/** How the evaluation groups its indicators, in display order. */
export type IndicatorGroup = 'coverage' | 'delivery' | 'satisfaction';

export const INDICATOR_GROUPS: readonly { code: IndicatorGroup; label: string }[] = [
  { code: 'coverage', label: '服务覆盖' },
  { code: 'delivery', label: '履约服务' },
  { code: 'satisfaction', label: '满意度' },
];

/** Where an indicator's counts come from; an indicator whose source is not built reads "no data". */
export type IndicatorSource = 'contracts' | 'services' | 'surveys' | 'referrals' | 'pushes';

/** threshold: full points when the target is met, else 0. proportional: points × min(1, value ÷ target). */
export type ScoringRule = 'threshold' | 'proportional';

/** atLeast: higher is better (most rates). atMost: the value must not exceed the target (签约饱和度 ≤ 1). */
export type TargetDirection = 'atLeast' | 'atMost';

/**
 * The key groups whose population is entered per community and year, with a fixed bit each
 * (the API stores a signed person's groups as a bit mask so the database can count them).
 */
export const POPULATION_GROUPS = [
  { code: 'elderly65', label: '65岁及以上老年人', bit: 1 },
  { code: 'child0to6', label: '0-6岁儿童', bit: 2 },
  { code: 'maternal', label: '孕产妇', bit: 4 },
  { code: 'hypertension', label: '高血压患者', bit: 8 },
  { code: 'diabetes2', label: '2型糖尿病患者', bit: 16 },
  { code: 'severeMental', label: '严重精神障碍患者', bit: 32 },
  { code: 'disabled', label: '残疾人', bit: 64 },
  { code: 'povertyAlleviated', label: '脱贫人口', bit: 128 },
  { code: 'monitoredRural', label: '乡村振兴重点监测对象', bit: 256 },
] as const;

export type PopulationGroup = (typeof POPULATION_GROUPS)[number]['code'];

export interface EvaluationIndicator {
  code: string;
  name: string;
  group: IndicatorGroup;
  source: IndicatorSource;
  /** What is counted, as a clinic would say it. */
  numerator: string;
  denominator: string;
  direction: TargetDirection;
  /** Defaults taken from the seeds; a region may change target, points and rule. */
  target: number;
  points: number;
  scoring: ScoringRule;
  /** Set for the per-group signing rates. */
  populationGroup?: PopulationGroup;
}

const keyGroupRate = (code: PopulationGroup, label: string, target: number, points: number): EvaluationIndicator => ({
  code: `keyGroupSigning.${code}`,
  name: `${label}签约率`,
  group: 'coverage',
  source: 'contracts',
  numerator: `签约的${label}`,
  denominator: `${label}人数`,
  direction: 'atLeast',
  target,
  points,
  scoring: 'proportional',
  populationGroup: code,
});

/**
 * Every indicator in the order of the evaluation table. Default points add up to 100
 * (乌审旗方案: 服务覆盖 25, 履约服务 40, 满意度 15 and 组织管理 20, which is not data; the
 * organisational points are spread over the data indicators in the same proportions).
 * 签约饱和度 is shown, not scored, by default: ≤ 1 alone would reward a team with nobody signed, and
 * the rule's other half (≥ 1 where coverage misses its target) is for the reviewer to read.
 */
export const INDICATORS: readonly EvaluationIndicator[] = [
  {
    code: 'signing',
    name: '全人群签约率',
    group: 'coverage',
    source: 'contracts',
    numerator: '签约居民',
    denominator: '常住人口',
    direction: 'atLeast',
    target: 0.75,
    points: 14,
    scoring: 'proportional',
  },
  {
    code: 'keyGroupSigning',
    name: '重点人群签约率',
    group: 'coverage',
    source: 'contracts',
    numerator: '签约的重点人群',
    denominator: '重点人群人数',
    direction: 'atLeast',
    target: 0.9,
    points: 6,
    scoring: 'proportional',
  },
  keyGroupRate('elderly65', '65岁及以上老年人', 0.9, 2),
  keyGroupRate('hypertension', '高血压患者', 0.9, 2),
  keyGroupRate('diabetes2', '2型糖尿病患者', 0.9, 2),
  keyGroupRate('severeMental', '严重精神障碍患者', 0.9, 2),
  keyGroupRate('disabled', '残疾人', 1, 2),
  keyGroupRate('povertyAlleviated', '脱贫人口', 1, 2),
  keyGroupRate('monitoredRural', '乡村振兴重点监测对象', 1, 2),
  keyGroupRate('maternal', '孕产妇', 0.9, 1),
  keyGroupRate('child0to6', '0-6岁儿童', 0.9, 1),
  {
    code: 'continuation',
    name: '新增签约接续率',
    group: 'coverage',
    source: 'contracts',
    numerator: '上期新签且本期仍签约的居民',
    denominator: '上期新签居民',
    direction: 'atLeast',
    target: 1,
    points: 6,
    scoring: 'proportional',
  },
  {
    code: 'saturation',
    name: '签约饱和度',
    group: 'coverage',
    source: 'contracts',
    numerator: '签约居民',
    denominator: '家庭医生数×每人签约上限',
    direction: 'atMost',
    target: 1,
    points: 0,
    scoring: 'threshold',
  },
  {
    code: 'paidShare',
    name: '付费签约占比',
    group: 'coverage',
    source: 'contracts',
    numerator: '付费签约的居民',
    denominator: '签约居民',
    direction: 'atLeast',
    target: 0.4,
    points: 5,
    scoring: 'proportional',
  },
  {
    code: 'renewal',
    name: '续约率',
    group: 'delivery',
    source: 'contracts',
    numerator: '已续约的到期协议',
    denominator: '本期到期或终止的协议',
    direction: 'atLeast',
    target: 0.95,
    points: 10,
    scoring: 'proportional',
  },
  {
    code: 'healthCheck',
    name: '65岁签约老年人查体率',
    group: 'delivery',
    source: 'services',
    numerator: '年内已体检的签约老年人',
    denominator: '签约的65岁及以上老年人',
    direction: 'atLeast',
    target: 1,
    points: 5,
    scoring: 'proportional',
  },
  {
    code: 'managed.hypertension',
    name: '高血压规范管理率',
    group: 'delivery',
    source: 'services',
    numerator: '年内随访≥4次的签约高血压患者',
    denominator: '签约的高血压患者',
    direction: 'atLeast',
    target: 0.8,
    points: 5,
    scoring: 'proportional',
  },
  {
    code: 'managed.diabetes2',
    name: '糖尿病规范管理率',
    group: 'delivery',
    source: 'services',
    numerator: '年内随访≥4次的签约糖尿病患者',
    denominator: '签约的2型糖尿病患者',
    direction: 'atLeast',
    target: 0.8,
    points: 5,
    scoring: 'proportional',
  },
  {
    code: 'control.hypertension',
    name: '血压控制率',
    group: 'delivery',
    source: 'services',
    numerator: '最近一次随访血压达标的患者',
    denominator: '有随访的签约高血压患者',
    direction: 'atLeast',
    target: 0.6,
    points: 3,
    scoring: 'proportional',
  },
  {
    code: 'control.diabetes2',
    name: '血糖控制率',
    group: 'delivery',
    source: 'services',
    numerator: '最近一次随访血糖达标的患者',
    denominator: '有随访的签约糖尿病患者',
    direction: 'atLeast',
    target: 0.6,
    points: 3,
    scoring: 'proportional',
  },
  {
    code: 'followUpTimeliness',
    name: '慢病随访及时率',
    group: 'delivery',
    source: 'services',
    numerator: '按时完成的慢病随访',
    denominator: '已到期的慢病随访（高血压、糖尿病、严重精神障碍，每季度一次）',
    direction: 'atLeast',
    target: 0.9,
    points: 0,
    scoring: 'proportional',
  },
  {
    code: 'fulfilment',
    name: '履约率',
    group: 'delivery',
    source: 'services',
    numerator: '到期服务全部完成的协议',
    denominator: '有到期服务的在约协议',
    direction: 'atLeast',
    target: 1,
    points: 5,
    scoring: 'proportional',
  },
  {
    code: 'pushCoverage',
    name: '健康信息推送覆盖率',
    group: 'delivery',
    source: 'pushes',
    numerator: '本季度已推送资讯的签约重点人群（统计日所在季度，资讯送达其资讯栏即算）',
    denominator: '统计日签约的重点人群（每人计一次）',
    direction: 'atLeast',
    target: 1,
    points: 2,
    scoring: 'proportional',
  },
  {
    code: 'referralBooking',
    name: '转诊预约成功率',
    group: 'delivery',
    source: 'referrals',
    numerator: '医生审核通过的转诊（已预约、已就诊、未就诊）',
    denominator: '转诊申请（就诊日在统计时段内）',
    direction: 'atLeast',
    target: 0.9,
    points: 0,
    scoring: 'proportional',
  },
  {
    code: 'referralAttendance',
    name: '转诊就诊率',
    group: 'delivery',
    source: 'referrals',
    numerator: '已就诊的转诊',
    denominator: '就诊日已过的预约转诊（已就诊、未就诊）',
    direction: 'atLeast',
    target: 0.9,
    points: 0,
    scoring: 'proportional',
  },
  {
    code: 'referralFeedback',
    name: '转诊反馈率',
    group: 'delivery',
    source: 'referrals',
    numerator: '医院已写回执的转诊',
    denominator: '已就诊的转诊',
    direction: 'atLeast',
    target: 1,
    points: 0,
    scoring: 'proportional',
  },
  {
    code: 'poolUse',
    name: '转诊号源使用率',
    group: 'delivery',
    source: 'referrals',
    numerator: '已预约的号源（已预约、已就诊、未就诊）',
    denominator: '本区合作医院在统计时段内的转诊号源（仅全区）',
    direction: 'atLeast',
    target: 0.5,
    points: 0,
    scoring: 'proportional',
  },
  {
    code: 'awareness',
    name: '居民知晓率',
    group: 'satisfaction',
    source: 'surveys',
    numerator: '了解服务内容的签约受访者',
    denominator: '答题的签约受访者',
    direction: 'atLeast',
    target: 0.85,
    points: 5,
    scoring: 'proportional',
  },
  {
    code: 'satisfaction',
    name: '签约居民满意率',
    group: 'satisfaction',
    source: 'surveys',
    numerator: '满意的签约受访者',
    denominator: '答题的签约受访者',
    direction: 'atLeast',
    target: 0.9,
    points: 10,
    scoring: 'proportional',
  },
];

/**
 * The definition of an indicator code.
 * @example indicatorDefinition('renewal')?.name // → '续约率'
 */
export function indicatorDefinition(code: string): EvaluationIndicator | undefined {
  return INDICATORS.find((i) => i.code === code);
}

/**
 * The bit mask of a list of key-group codes (unknown codes count for nothing).
 * @example populationGroupMask(['elderly65', 'hypertension']) // → 9
 */
export function populationGroupMask(tags: readonly string[]): number {
  return POPULATION_GROUPS.filter((g) => tags.includes(g.code)).reduce((mask, g) => mask | g.bit, 0);
}

/** The bit of one population group. @example populationGroupBit('diabetes2') // → 16 */
export function populationGroupBit(code: PopulationGroup): number {
  return POPULATION_GROUPS.find((g) => g.code === code)!.bit;
}
