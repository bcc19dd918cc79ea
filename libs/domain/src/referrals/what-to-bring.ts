/** What every referred patient brings to the hospital. */
const ALWAYS = ['身份证或社保卡（医保卡）', '手机（出示预约信息）', '近期检查报告、病历和正在服用的药品（或药盒）'];

/** What some departments need beyond that. */
const BY_DEPARTMENT: Record<string, string[]> = {
  眼科: ['佩戴的眼镜'],
  骨科: ['以前拍过的X光片、CT或核磁片子'],
  妇产科: ['孕妇请带上母子健康手册'],
  儿科: ['儿童的预防接种证，由监护人陪同'],
  内分泌科: ['近期血糖记录；空腹抽血请不要吃早饭'],
  心血管内科: ['近期血压记录、心电图'],
};

/**
 * The list shown to a resident before a hospital visit.
 * @example whatToBring('眼科').includes('佩戴的眼镜') // → true
 */
export function whatToBring(department: string): string[] {
  return [...ALWAYS, ...(BY_DEPARTMENT[department] ?? [])];
}
