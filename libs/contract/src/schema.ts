/**
 * Helpers that keep every schema valid OpenAPI 3.0 (TypeBox's `Literal`, `Null` and `Record`
 * produce JSON Schema keywords 3.0 lacks): use these instead.
 */
import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';

export { Type, type Static, type TSchema };

/** A string that is one of `values`. */
export const StringEnum = <const T extends readonly string[]>(values: T, options: { description?: string } = {}): TUnsafe<T[number]> =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

/** `schema` or null. */
export const Nullable = <T extends TSchema>(schema: T): TUnsafe<Static<T> | null> => Type.Unsafe<Static<T> | null>({ ...schema, nullable: true });

/** An object whose keys are free (a map). */
export const Dictionary = <T extends TSchema>(value: T, options: { description?: string } = {}): TUnsafe<Record<string, Static<T>>> =>
  Type.Unsafe<Record<string, Static<T>>>({ type: 'object', additionalProperties: value, ...options });

/** A calendar date `YYYY-MM-DD`. */
export const DateString = (description?: string) => Type.String({ format: 'date', description });

/** An ISO 8601 time with offset. */
export const DateTimeString = (description?: string) => Type.String({ format: 'date-time', description });

/** An amount of money in 分 (fen). */
export const Fen = (description?: string) => Type.Integer({ description: description ?? 'amount in 分 (fen)' });

/** A paged list as every list endpoint with `limit`/`offset` answers it. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() });

/** The error body of api.md. */
export const ApiErrorSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String({ description: 'for the user, in Chinese' }),
    code: Type.Optional(Type.String({ description: 'refusal code (libs/domain refusals.ts)' })),
    details: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  },
  { $id: 'ApiError' },
);
export type ApiErrorBody = Static<typeof ApiErrorSchema>;
