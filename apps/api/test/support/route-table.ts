import { ModulesContainer, Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { makeIdNumber } from '@jiayi/domain';
import { IS_PUBLIC, Role, ROLES } from '../../src/auth/auth-context';
import type { TestApp } from './test-app';

/** A JSON schema of the OpenAPI document (the parts the generators read). */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  example?: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One operation of the OpenAPI document, with who may call it (the route's @Roles / @Public metadata). */
export interface Route {
  method: Method;
  /** As the document writes it: `/api/contracts/{id}`. */
  path: string;
  operationId: string;
  isPublic: boolean;
  /** The roles of @Roles; null when any signed-in caller may call it. */
  roles: Role[] | null;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** The JSON body's schema ($refs resolved), null when the operation takes no body. */
  body: Schema | null;
}

/**
 * Every operation of /api/docs-json, joined to its Nest handler through the operationId
 * (`<Controller>_<method>`) to read its @Roles and @Public metadata. Fails on an operation whose
 * handler it cannot find, so a new endpoint is never silently skipped.
 */
export async function loadRoutes(t: TestApp): Promise<{ routes: Route[]; document: { components?: { schemas?: Record<string, Schema> } } }> {
  const response = await t.http.get('/api/docs-json').expect(200);
  const document = response.body;
  const handlers = handlerIndex(t);
  const reflector = new Reflector();
  const resolve = resolver(document.components?.schemas ?? {});
  const routes: Route[] = [];
  for (const [path, item] of Object.entries<
    Record<string, { operationId: string; parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: Schema }> } }>
  >(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const handler = handlers.get(operation.operationId);
      if (!handler) throw new Error(`no Nest handler found for ${method.toUpperCase()} ${path} (operationId ${operation.operationId})`);
      const targets = [handler.method, handler.controller] as unknown as (new () => object)[];
      const parameters = operation.parameters ?? [];
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      routes.push({
        method: method.toUpperCase() as Method,
        path,
        operationId: operation.operationId,
        isPublic: reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC as never, targets) === true,
        roles: (reflector.getAllAndOverride<Role[] | undefined>(ROLES as never, targets) as Role[] | undefined) ?? null,
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => ({ ...p, schema: p.schema ? resolve(p.schema) : undefined })),
        body: bodySchema ? resolve(bodySchema) : null,
      });
    }
  }
  return { routes, document };
}

function handlerIndex(t: TestApp) {
  const index = new Map<string, { controller: object; method: object }>();
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const method = (controller.prototype as Record<string, unknown>)[name];
        if (name !== 'constructor' && typeof method === 'function') index.set(`${controller.name}_${name}`, { controller, method });
      }
    }
  }
  return index;
}

/** Inlines $refs and flattens allOf (the DTO classes nest each other). */
function resolver(components: Record<string, Schema>) {
  const resolve = (schema: Schema, depth = 0): Schema => {
    if (depth > 12) return {};
    if (schema.$ref) return resolve(components[schema.$ref.split('/').pop()!] ?? {}, depth + 1);
    if (schema.allOf)
      return schema.allOf
        .map((s) => resolve(s, depth + 1))
        .reduce((a, b) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties }, required: [...(a.required ?? []), ...(b.required ?? [])] }), {});
    const out: Schema = { ...schema };
    if (schema.items) out.items = resolve(schema.items, depth + 1);
    if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(v, depth + 1)]));
    return out;
  };
  return resolve;
}

/** `/api/contracts/{id}/renew` with values for its parameters. */
export function fillPath(route: Route, values: Record<string, string>, encode: (value: string) => string = encodeLoosely): string {
  return route.path.replace(/\{([^}]+)\}/g, (_, name: string) => encode(values[name] ?? 'missing'));
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** encodeURIComponent, except that a lone surrogate becomes the bytes of its invalid UTF-8 instead of an exception. */
export function encodeLoosely(value: string): string {
  return value.split(LONE_SURROGATE).map(encodeURIComponent).join('%ED%A0%80');
}

/** The list a path parameter's records come from: `/api/staff/survey-waves` for `/api/staff/survey-waves/{id}/report`. */
export function listPathFor(route: Route, param: string): string {
  return route.path.slice(0, route.path.indexOf(`/{${param}}`));
}

/** Collects the values of `field` in a list response: an array, or `{ items }`. */
export function valuesOf(body: unknown, field: string): string[] {
  const items = Array.isArray(body) ? body : Array.isArray((body as { items?: unknown[] })?.items) ? (body as { items: unknown[] }).items : [];
  return items.map((item) => (item as Record<string, unknown>)?.[field]).filter((v): v is string => typeof v === 'string');
}

/** Tokens that must all be refused with 401: none, expired, signed with another key. */
export async function badTokens(t: TestApp, accountId: string): Promise<Record<'none' | 'expired' | 'forged', Record<string, string>>> {
  const jwt = t.app.get(JwtService);
  const expired = await jwt.signAsync({ sub: accountId, role: 'regionAdmin' }, { expiresIn: -60 });
  const forged = await new JwtService({ secret: 'not-the-server-secret-0123456789abcdef' }).signAsync({ sub: accountId, role: 'regionAdmin' });
  return { none: {}, expired: { authorization: `Bearer ${expired}` }, forged: { authorization: `Bearer ${forged}` } };
}

/**
 * A value the schema accepts as far as the document tells (required fields only); fields that
 * name a record (`personId`, `contractIds`…) take the value `idFor` gives, so probes can point
 * them at someone else's records.
 */
export function plausibleValue(schema: Schema, name: string, idFor: (field: string) => string | undefined): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  const id = idFor(name);
  switch (schema.type) {
    case 'string':
      if (id !== undefined) return id;
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
      if (/idNumber/i.test(name)) return makeIdNumber('1980-05-01', 'female', 7);
      if (/phone/i.test(name)) return '13800138000';
      if (/name$/i.test(name)) return '张三';
      return 'a'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array': {
      const single = singular(name);
      const item = schema.items ? plausibleValue(schema.items, single, idFor) : 'a';
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item);
    }
    default:
      if (schema.properties) {
        const required = new Set(schema.required ?? []);
        return Object.fromEntries(
          Object.entries(schema.properties)
            .filter(([k]) => required.has(k))
            .map(([k, v]) => [k, plausibleValue(v, k, idFor)]),
        );
      }
      return id ?? 'a';
  }
}

const singular = (name: string) => (name.endsWith('Ids') ? name.slice(0, -1) : name.endsWith('s') ? name.slice(0, -1) : name);
