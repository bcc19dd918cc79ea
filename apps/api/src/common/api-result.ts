import { applyDecorators, HttpStatus, SetMetadata } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ApiErrorSchema, type TSchema } from '@jiayi/contract';

/** Metadata key under which `@ApiResult` keeps the success schema (read by the response check). */
export const RESPONSE_SCHEMA = 'jiayi:response-schema';

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 429 | 503;

const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'bad input (unknown fields refused); `details` names each field',
  401: 'no token, or it expired',
  403: 'outside your role or scope',
  404: 'not found, or not yours (never revealed)',
  409: 'a rule of the domain refuses (`code` says which)',
  429: 'too many requests',
  503: 'a service Jiayi depends on is unavailable',
};

/** Errors every authenticated endpoint may answer; add 404/409 where the endpoint has them. */
const DEFAULT_ERRORS: ErrorStatus[] = [400, 401, 403];

/**
 * Declares an endpoint's success response with a schema of `@jiayi/contract` (so the OpenAPI
 * document carries it) and the error responses in the api.md shape.
 * @example @ApiResult(PersonSchema, { status: 201, errors: [404, 409] })
 */
export function ApiResult(schema: TSchema | null, options: { status?: number; description?: string; errors?: ErrorStatus[]; contentType?: string } = {}) {
  const status = options.status ?? HttpStatus.OK;
  const errors = [...new Set([...DEFAULT_ERRORS, ...(options.errors ?? [])])];
  const json = (body: TSchema) => ({ 'application/json': { schema: body as Record<string, unknown> } });
  return applyDecorators(
    SetMetadata(RESPONSE_SCHEMA, schema),
    schema === null
      ? ApiResponse({ status, description: options.description ?? 'no content' })
      : ApiResponse({
          status,
          description: options.description ?? 'success',
          content: options.contentType ? { [options.contentType]: { schema: schema as Record<string, unknown> } } : json(schema),
        }),
    ...errors.map((code) => ApiResponse({ status: code, description: ERROR_DESCRIPTIONS[code], content: json(ApiErrorSchema) })),
  );
}
