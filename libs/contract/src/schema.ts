/**
 * Helpers that keep every schema valid OpenAPI 3.0 (TypeBox's `Literal`, `Null` and `Record`
 * produce JSON Schema keywords 3.0 lacks): use these instead.
 */
import { Kind, Type, TypeRegistry, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export { Type, type Static, type TSchema };

// Each helper below is a kind of its own, registered with TypeBox so the API can check responses
// against it; the schema it writes into the OpenAPI document is plain OpenAPI 3.0.
const INNER = Symbol('jiayi:inner');
type Inner = { [INNER]: TSchema };

TypeRegistry.Set<{ enum: string[] }>('StringEnum', (schema, value) => typeof value === 'string' && schema.enum.includes(value));
TypeRegistry.Set<Inner>('Nullable', (schema, value) => value === null || Value.Check(schema[INNER], value));
TypeRegistry.Set<Inner>(
  'Dictionary',
  (schema, value) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => Value.Check(schema[INNER], v)),
);
TypeRegistry.Set('NumberPair', (_schema, value) => Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === 'number'));
TypeRegistry.Set('Binary', () => true);

/** A string that is one of `values`. */
export const StringEnum = <const T extends readonly string[]>(values: T, options: { description?: string } = {}): TUnsafe<T[number]> =>
  Type.Unsafe<T[number]>({ [Kind]: 'StringEnum', type: 'string', enum: [...values], ...options });

/** `schema` or null. */
export const Nullable = <T extends TSchema>(schema: T): TUnsafe<Static<T> | null> =>
  Type.Unsafe<Static<T> | null>({ ...schema, [Kind]: 'Nullable', [INNER]: schema, nullable: true });

/** An object whose keys are free (a map). */
export const Dictionary = <T extends TSchema>(value: T, options: { description?: string } = {}): TUnsafe<Record<string, Static<T>>> =>
  Type.Unsafe<Record<string, Static<T>>>({ [Kind]: 'Dictionary', [INNER]: value, type: 'object', additionalProperties: value, ...options });

/** Two numbers, e.g. a confidence interval `[low, high]` (TypeBox's Tuple is not OpenAPI 3.0). */
export const NumberPair = (description?: string): TUnsafe<[number, number]> =>
  Type.Unsafe<[number, number]>({ [Kind]: 'NumberPair', type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, description });

/** A calendar date `YYYY-MM-DD`. */
export const DateString = (description?: string) => Type.String({ format: 'date', description });

/** An ISO 8601 time with offset. */
export const DateTimeString = (description?: string) => Type.String({ format: 'date-time', description });

/** An amount of money in 分 (fen). */
export const Fen = (description?: string) => Type.Integer({ description: description ?? 'amount in 分 (fen)' });

/** A file in the body (an Excel workbook). */
export const BinaryFile = (description?: string): TUnsafe<Uint8Array> =>
  Type.Unsafe<Uint8Array>({ [Kind]: 'Binary', type: 'string', format: 'binary', description });

/** A paged list as every list endpoint with `limit`/`offset` answers it. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() });

/** The error body of api.md. */
export const ApiErrorSchema = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String({ description: 'for the user, in Chinese' }),
  code: Type.Optional(Type.String({ description: 'refusal code (libs/domain refusals.ts)' })),
  details: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
});
export type ApiErrorBody = Static<typeof ApiErrorSchema>;
