import type { KeyGroupTag } from './key-groups';

/** One key group a resident may declare, as the picker offers it. */
export interface DeclarableGroup {
  code: KeyGroupTag;
  label: string;
  /** Plain words for a group whose name alone may be unclear or worrying. */
  explanation?: string;
  /** Health information: only the signed team sees it, and the doctor checks it. */
  sensitive: boolean;
  /** Shown at once; the others sit behind "更多人群". */
  common: boolean;
}

const GROUPS: readonly (DeclarableGroup & { applies: (sex: 'male' | 'female', age: number) => boolean })[] = [
  {
    code: 'hypertension',
    label: '高血压患者',
    sensitive: true,
    common: true,
    applies: (_, age) => age >= 18,
    explanation: '医生诊断过高血压，或正在吃降压药。',
  },
  {
    code: 'diabetes2',
    label: '2型糖尿病患者',
    sensitive: true,
    common: true,
    applies: (_, age) => age >= 18,
    explanation: '医生诊断过糖尿病（2型），或正在用降糖药。',
  },
  {
    code: 'maternal',
    label: '孕产妇',
    sensitive: true,
    common: true,
    applies: (sex, age) => sex === 'female' && age >= 15 && age <= 49,
    explanation: '正在怀孕，或生完孩子不满一年。',
  },
  { code: 'disabled', label: '残疾人', sensitive: true, common: true, applies: () => true, explanation: '持有残疾人证。' },
  { code: 'lowIncome', label: '低保/特困人员', sensitive: false, common: false, applies: () => true, explanation: '享受低保或特困供养，个人费用可能减免。' },
  {
    code: 'povertyAlleviated',
    label: '脱贫人口/建档立卡贫困人口',
    sensitive: false,
    common: false,
    applies: () => true,
    explanation: '在村里建档立卡，个人费用可能减免。',
  },
  {
    code: 'monitoredRural',
    label: '乡村振兴重点监测对象',
    sensitive: false,
    common: false,
    applies: () => true,
    explanation: '村里登记的脱贫不稳定户、边缘易致贫户或突发严重困难户。',
  },
  {
    code: 'familyPlanningSpecial',
    label: '计划生育特殊家庭成员',
    sensitive: false,
    common: false,
    applies: (_, age) => age >= 18,
    explanation: '独生子女伤残或去世的父母。',
  },
  {
    code: 'severeMental',
    label: '严重精神障碍患者',
    sensitive: true,
    common: false,
    applies: () => true,
    explanation: '如精神分裂症、双相障碍等，已在医院确诊。只用于安排随访和免费服药。',
  },
  { code: 'tuberculosis', label: '肺结核患者', sensitive: true, common: false, applies: () => true, explanation: '正在治疗肺结核。只用于安排督导服药。' },
];

/**
 * The key groups a person of this sex and age may declare, most common first; groups that cannot
 * apply (孕产妇 for a man or a child, 高血压 for a child) are left out.
 * @example declarableGroupsFor('male', 40).map((g) => g.code).includes('maternal') // → false
 */
export function declarableGroupsFor(sex: 'male' | 'female' | undefined, age: number | undefined): DeclarableGroup[] {
  return GROUPS.filter((g) => sex === undefined || age === undefined || g.applies(sex, age)).map(({ applies: _applies, ...group }) => group);
}
