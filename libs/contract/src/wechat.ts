import { Type, type Static } from './schema';

/** POST /api/auth/wechat-phone: the number WeChat verified for the resident (quick phone verification). */
export const WechatPhoneSchema = Type.Object({
  phone: Type.String({ example: '13800138000' }),
});
export type WechatPhone = Static<typeof WechatPhoneSchema>;

/** POST /api/auth/wechat-phone body: the code of a `getPhoneNumber` button. */
export interface WechatPhoneInput {
  code: string;
}
