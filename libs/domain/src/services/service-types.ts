/**
 * What a team member records as a service (domain.md §10), with the Chinese label shown to people.
 * @example SERVICE_TYPE_LABELS.followUp // → '随访'
 */
export const SERVICE_TYPES = [
  'followUp',
  'healthCheck',
  'homeVisit',
  'consultation',
  'healthEducation',
  'tcm',
  'familyBed',
  'longPrescription',
  'other',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const SERVICE_TYPE_LABELS: Record<ServiceType, string> = {
  followUp: '随访',
  healthCheck: '健康体检',
  homeVisit: '上门服务',
  consultation: '健康咨询',
  healthEducation: '健康教育',
  tcm: '中医药服务',
  familyBed: '家庭病床',
  longPrescription: '长处方',
  other: '其他服务',
};

/**
 * Where the service took place.
 * @example SERVICE_CHANNEL_LABELS.home // → '入户'
 */
export const SERVICE_CHANNELS = ['clinic', 'home', 'phone', 'online'] as const;
export type ServiceChannel = (typeof SERVICE_CHANNELS)[number];

export const SERVICE_CHANNEL_LABELS: Record<ServiceChannel, string> = {
  clinic: '门诊',
  home: '入户',
  phone: '电话',
  online: '线上',
};

/**
 * True when x is a service type code.
 * @example isServiceType('followUp') // → true; isServiceType('visit') // → false
 */
export function isServiceType(x: unknown): x is ServiceType {
  return typeof x === 'string' && (SERVICE_TYPES as readonly string[]).includes(x);
}
