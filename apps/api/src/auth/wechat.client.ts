import { Inject, Injectable, Logger } from '@nestjs/common';
import { wechatConfig, WechatConfig } from '../config/configuration';
import { ApiError } from '../common/api-error';

export interface WechatSession {
  openid: string;
  sessionKey: string;
}

/** WeChat's code2Session (`/sns/jscode2session`), at the configured API base. */
@Injectable()
export class WechatClient {
  private readonly logger = new Logger(WechatClient.name);

  constructor(@Inject(wechatConfig.KEY) private readonly config: WechatConfig) {}

  async code2Session(code: string): Promise<WechatSession> {
    const query = new URLSearchParams({
      appid: this.config.appId,
      secret: this.config.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    let answer: { openid?: string; session_key?: string; errcode?: number; errmsg?: string };
    try {
      const response = await fetch(`${this.config.apiBase}/sns/jscode2session?${query}`, { signal: AbortSignal.timeout(5000) });
      answer = (await response.json()) as typeof answer;
    } catch (error) {
      this.logger.error(`code2Session unreachable: ${(error as Error).message}`);
      throw new ApiError(503, '微信登录服务暂时不可用，请稍后再试');
    }
    if (answer.errcode || !answer.openid || !answer.session_key) {
      this.logger.warn(`code2Session refused: errcode ${answer.errcode ?? 'none'}`);
      throw new ApiError(401, '微信登录失败，请重新打开小程序再试', [{ field: 'code', message: '登录凭证无效或已过期' }]);
    }
    return { openid: answer.openid, sessionKey: answer.session_key };
  }

  /**
   * phonenumber.getPhoneNumber: the phone number behind a `getPhoneNumber` button's code. WeChat
   * answers the number the user verified; the code is single-use and short-lived.
   */
  async phoneNumber(code: string): Promise<string> {
    const token = await this.accessToken();
    let answer: { errcode?: number; phone_info?: { purePhoneNumber?: string } };
    try {
      const response = await fetch(`${this.config.apiBase}/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
        signal: AbortSignal.timeout(5000),
      });
      answer = (await response.json()) as typeof answer;
    } catch (error) {
      this.logger.error(`getuserphonenumber unreachable: ${(error as Error).message}`);
      throw new ApiError(503, '微信手机号验证暂时不可用，请手动填写手机号');
    }
    const phone = answer.phone_info?.purePhoneNumber;
    if (answer.errcode || !phone) {
      this.logger.warn(`getuserphonenumber refused: errcode ${answer.errcode ?? 'none'}`);
      throw new ApiError(400, '手机号验证已失效，请重新点击获取，或手动填写', [{ field: 'code', message: '手机号凭证无效或已过期' }]);
    }
    return phone;
  }

  /**
   * An access token from `/cgi-bin/stable_token`, fetched for each use. Kept to this one function on
   * purpose: a shared, cached token store belongs to the WeChat push work and replaces this.
   */
  private async accessToken(): Promise<string> {
    let answer: { access_token?: string; errcode?: number };
    try {
      const response = await fetch(`${this.config.apiBase}/cgi-bin/stable_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credential', appid: this.config.appId, secret: this.config.appSecret }),
        signal: AbortSignal.timeout(5000),
      });
      answer = (await response.json()) as typeof answer;
    } catch (error) {
      this.logger.error(`stable_token unreachable: ${(error as Error).message}`);
      throw new ApiError(503, '微信手机号验证暂时不可用，请手动填写手机号');
    }
    if (!answer.access_token) {
      this.logger.error(`stable_token refused: errcode ${answer.errcode ?? 'none'}`);
      throw new ApiError(503, '微信手机号验证暂时不可用，请手动填写手机号');
    }
    return answer.access_token;
  }
}
