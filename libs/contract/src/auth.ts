import { ROLES } from '@jiayi/domain';
import { StringEnum, Type, type Static } from './schema';

/** POST /api/auth/wechat-login and /api/auth/staff-login */
export const LoginResultSchema = Type.Object({
  accessToken: Type.String(),
  expiresIn: Type.Integer({ description: 'seconds' }),
  user: Type.Object({
    id: Type.String(),
    role: StringEnum(ROLES),
    name: Type.String(),
    institutionId: Type.Optional(Type.String()),
    teamId: Type.Optional(Type.String()),
    doctorId: Type.Optional(Type.String()),
    regionId: Type.Optional(Type.String()),
    hospitalId: Type.Optional(Type.String()),
  }),
});
export type LoginResult = Static<typeof LoginResultSchema>;
export type SessionUser = LoginResult['user'];
export type Role = SessionUser['role'];

export interface WechatLoginInput {
  code: string;
}

export interface StaffLoginInput {
  username: string;
  password: string;
}

/** GET /api/health */
export const HealthSchema = Type.Object({
  status: StringEnum(['ok', 'error'] as const),
  message: Type.Optional(Type.String({ description: 'what is wrong, in Chinese' })),
  database: Type.Object({ status: StringEnum(['up', 'down'] as const), type: Type.String(), latencyMs: Type.Optional(Type.Integer()) }),
});
export type Health = Static<typeof HealthSchema>;
