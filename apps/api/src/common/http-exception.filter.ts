import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { isDatabaseBusy, isDatabaseUnavailable } from '../database/availability';
import { ApiErrorBody, errorBody } from './api-error';

export const DATABASE_UNAVAILABLE_MESSAGE = '系统暂时无法访问数据，请稍后再试';
export const DATABASE_BUSY_MESSAGE = '系统繁忙，请稍后再试';

const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: '请求内容类型不受支持，请发送 JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: '请求内容为空',
  FST_ERR_CTP_BODY_TOO_LARGE: '请求内容过大',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: '请求内容长度不正确',
};

/**
 * The one exception filter: every error leaves in the api.md shape. Client errors keep their
 * status; a database that cannot be reached (or stays deadlocked after every retry) is a 503 with
 * Retry-After, so clients and load balancers wait and retry; anything else unexpected becomes a
 * 500 without a stack (the stack goes to the log).
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (body.statusCode === 503) {
      // One line, not a stack per request: while the database is away every request lands here.
      this.logger.warn(`database unavailable: ${(exception as Error)?.message ?? String(exception)}`);
      void reply.header('retry-after', '5');
    } else if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null && 'details' in response) return response as ApiErrorBody;
      if (status === 404) return errorBody(404, '请求的地址不存在');
      if (status === 401) return errorBody(401, '请先登录');
      if (status === 403) return errorBody(403, '您没有权限进行此操作');
      if (status === 413)
        return errorBody(413, FASTIFY_MESSAGES.FST_ERR_CTP_BODY_TOO_LARGE, [{ field: 'body', message: FASTIFY_MESSAGES.FST_ERR_CTP_BODY_TOO_LARGE }]);
      const raw = typeof response === 'string' ? response : JSON.stringify(response);
      if (status === 400 && /JSON|body/i.test(raw)) return errorBody(400, '请求内容不是有效的 JSON', [{ field: 'body', message: '请求内容不是有效的 JSON' }]);
      return errorBody(status, status < 500 ? '请求有误' : '服务器内部错误');
    }
    if (isDatabaseUnavailable(exception)) return errorBody(503, DATABASE_UNAVAILABLE_MESSAGE);
    if (isDatabaseBusy(exception)) return errorBody(503, DATABASE_BUSY_MESSAGE);
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      const isJsonSyntax = exception instanceof SyntaxError || /JSON/i.test(fastifyError.message ?? '');
      const message = FASTIFY_MESSAGES[fastifyError.code ?? ''] ?? (isJsonSyntax ? '请求内容不是有效的 JSON' : '请求有误');
      return errorBody(fastifyError.statusCode, message, [{ field: 'body', message }]);
    }
    return errorBody(500, '服务器内部错误，请稍后再试');
  }
}
