import { HttpException, HttpStatus } from '@nestjs/common';
import { refusalKind, RefusalCode, RefusalKind, refuse, type Refusal } from '@jiayi/domain';

export interface ErrorDetail {
  field: string;
  message: string;
}

/** The error body of api.md: a Chinese message for the user, field names for the programmer. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  details: ErrorDetail[];
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function errorBody(statusCode: number, message: string, details: ErrorDetail[] = [], code?: string): ApiErrorBody {
  return { statusCode, error: REASONS[statusCode] ?? 'Error', message, ...(code ? { code } : {}), details };
}

/** An error whose body is already in the api.md shape. */
export class ApiError extends HttpException {
  constructor(statusCode: number, message: string, details: ErrorDetail[] = [], code?: string) {
    super(errorBody(statusCode, message, details, code), statusCode);
  }
}

export const badRequest = (field: string, message: string, code?: string) => new ApiError(400, message, [{ field, message }], code);
export const notFound = (message = '记录不存在') => new ApiError(HttpStatus.NOT_FOUND, message);
export const forbidden = (message = '您没有权限进行此操作') => new ApiError(HttpStatus.FORBIDDEN, message);

/** The one place a refusal's kind (libs/domain `refusals.ts`) becomes an HTTP status. */
export const REFUSAL_STATUS: Record<RefusalKind, 400 | 409> = { badInput: 400, rule: 409 };

/** A refusal of libs/domain as an HTTP error, its status decided by the refusal table. */
export function refusalError(refusal: Refusal): ApiError {
  const details = refusal.field ? [{ field: refusal.field, message: refusal.message }] : [];
  return new ApiError(REFUSAL_STATUS[refusalKind(refusal.code)], refusal.message, details, refusal.code);
}

/** A refusal raised by the API itself (a unique key said no): same table, same shape. */
export const refusal = (code: RefusalCode, message: string, field?: string) => refusalError(refuse(code, message, field));
