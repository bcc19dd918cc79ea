import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { STAFF_ROLES as STAFF_ROLE_CODES, type Role } from '@jiayi/domain';

export type { Role };

/** Who is calling, from the access token; services take it first and scope every query by it. */
export interface AuthContext {
  accountId: string;
  role: Role;
  regionId?: string;
  institutionId?: string;
  teamId?: string;
  doctorId?: string;
  hospitalId?: string;
}

export const IS_PUBLIC = 'jiayi:public';
export const ROLES = 'jiayi:roles';

/** No token needed (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Only these roles may call the route. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const ACCOUNT_CHECKED_BY_ROUTE = 'jiayi:accountCheckedByRoute';
/**
 * The route's own statement stores nothing unless the resident's account exists, and calls
 * `requireResidentAccount` before answering when it stored nothing: the guard skips its look-up
 * (one round trip less on a hot path; a closed account still gets the guard's 401, from the route).
 */
export const AccountCheckedByRoute = () => SetMetadata(ACCOUNT_CHECKED_BY_ROUTE, true);
/** Staff of any kind. */
export const STAFF_ROLES: Role[] = [...STAFF_ROLE_CODES];

export const Auth = createParamDecorator((_: unknown, context: ExecutionContext): AuthContext => {
  return context.switchToHttp().getRequest().auth;
});
