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
/** Staff of any kind. */
export const STAFF_ROLES: Role[] = [...STAFF_ROLE_CODES];

export const Auth = createParamDecorator((_: unknown, context: ExecutionContext): AuthContext => {
  return context.switchToHttp().getRequest().auth;
});
