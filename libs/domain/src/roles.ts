/** The staff roles of domain.md §1 (a resident is anyone signed in with WeChat). */
export const STAFF_ROLES = ['doctor', 'clinicAdmin', 'regionAdmin', 'hospitalCoordinator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Every role a signed-in account has. */
export const ROLES = ['resident', ...STAFF_ROLES] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  doctor: '家庭医生',
  clinicAdmin: '机构管理员',
  regionAdmin: '卫健委管理员',
  hospitalCoordinator: '转诊协调员',
};
