import type { Role } from '../session'

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  doctor: '家庭医生',
  clinicAdmin: '机构管理员',
  regionAdmin: '卫健委管理员',
  hospitalCoordinator: '转诊协调员',
}

/** Who may open each area of the workspace; the API checks scope again on every call. */
export const AREA_ROLES = {
  home: ['doctor', 'clinicAdmin', 'regionAdmin', 'hospitalCoordinator'],
  pending: ['doctor', 'clinicAdmin'],
  teams: ['doctor', 'clinicAdmin', 'regionAdmin'],
  refusal: ['doctor', 'clinicAdmin'],
  waves: ['doctor', 'clinicAdmin', 'regionAdmin'],
  createWave: ['clinicAdmin', 'regionAdmin'],
  phoneEntry: ['doctor', 'clinicAdmin'],
  report: ['doctor', 'clinicAdmin', 'regionAdmin'],
  referralQueue: ['doctor', 'clinicAdmin'],
  referralPools: ['hospitalCoordinator'],
  referralArrivals: ['hospitalCoordinator'],
  pushes: ['doctor', 'clinicAdmin', 'regionAdmin'],
  feedback: ['doctor', 'clinicAdmin', 'regionAdmin'],
  fieldwork: ['doctor', 'clinicAdmin'],
  todo: ['doctor', 'clinicAdmin', 'regionAdmin'],
  dashboard: ['doctor', 'clinicAdmin', 'regionAdmin'],
  targets: ['regionAdmin'],
} satisfies Record<string, Role[]>

export type Area = keyof typeof AREA_ROLES

export function canOpen(role: Role | undefined, area: Area): boolean {
  return !!role && (AREA_ROLES[area] as Role[]).includes(role)
}
