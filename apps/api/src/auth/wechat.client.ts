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
}
