import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { probe, rowCounts } from './support/http-probe';
import { badTokens, encodeLoosely, fillPath, loadRoutes, plausibleValue, Route, Schema } from './support/route-table';
import { Actor, buildScopeWorld, readLists, seenIds, VisibleIds } from './support/scope-world';
import { createTestApp, TestApp } from './support/test-app';

/** Change the seed to explore; a failure prints the seed and the request, so it reproduces. */
const SEED = 20261214;
const TOTAL_REQUESTS = 5200;
const MIN_PER_ROUTE = 40;

/** Audit rows a fuzz request may add: a staff read that succeeds is recorded by law, and a read changes nothing else. */
const READ_AUDIT_ACTION = /\.(list|read|search)$/;

const HOSTILE_STRINGS = [
  "' OR '1'='1",
  '1; DROP TABLE contracts; --',
  '" OR ""="',
  "') UNION SELECT password FROM staff_accounts --",
  '\\',
  '`',
  '%',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u001b[31m',
  '\ud800',
  '\u202e\u202d',
  '\r\n\r\nX-Injected: 1',
  '../../../../etc/passwd',
  '%00',
  '%E0%A4%A',
  ' ',
  '',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '2026-02-30',
  '9999-99-99T99:99:99Z',
  '0000-00-00',
  '110105199913321234',
  '11010519800501123',
  '11010519800501123x',
  '000000000000000000',
  '12345678901234567890123456789012345678901',
  'x'.repeat(5000),
  '家'.repeat(3000),
  '😀'.repeat(300),
];
const UNKNOWN_KEYS = ['zzUnknown', 'zz_is_admin', 'zzRole', 'zz$where', 'zz.dotted', 'zz[0]'];

/**
 * What makes a request one the API must refuse. `bogusReference` is the one that passes validation:
 * a well-formed body whose ids (and path ids) name nothing, or are SQL and script fragments, so the
 * request reaches the services and their queries.
 */
type Defect =
  'unknownField' | 'missingRequired' | 'wrongType' | 'notAnObject' | 'invalidJson' | 'wrongContentType' | 'deepNesting' | 'oversized' | 'bogusReference';
const PARSER_DEFECTS: Defect[] = ['invalidJson', 'wrongContentType', 'deepNesting', 'oversized'];

interface Fuzzed {
  token: 'allowed' | 'none' | 'expired' | 'forged' | 'otherRole';
  actorPick: number;
  path: 'real' | 'random' | 'hostile';
  pathPick: number;
  hostile: string;
  defect: Defect;
  defectPick: number;
  noise: { pick: number; value: unknown }[];
  unknownQuery: boolean;
}

const hostileValue = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.constantFrom(-1, 0, 2 ** 31, -(2 ** 53), 1e308, 0.5, Number.MAX_SAFE_INTEGER),
  fc.constantFrom(true, false, null, [], {}, [[[[]]]], { a: { b: { c: {} } } }),
  fc.array(fc.constantFrom('a', 1, null), { minLength: 200, maxLength: 1200 }),
  fc.uuid(),
);

const fuzzed: fc.Arbitrary<Fuzzed> = fc.record({
  token: fc.constantFrom<Fuzzed['token']>('allowed', 'allowed', 'allowed', 'allowed', 'allowed', 'allowed', 'none', 'expired', 'forged', 'otherRole'),
  actorPick: fc.nat(),
  path: fc.constantFrom<Fuzzed['path']>('real', 'real', 'random', 'hostile'),
  pathPick: fc.nat(),
  hostile: fc.constantFrom(...HOSTILE_STRINGS),
  defect: fc.constantFrom<Defect>(
    'unknownField',
    'unknownField',
    'missingRequired',
    'wrongType',
    'wrongType',
    'notAnObject',
    'invalidJson',
    'wrongContentType',
    'deepNesting',
    'oversized',
    'bogusReference',
    'bogusReference',
    'bogusReference',
  ),
  defectPick: fc.nat(),
  noise: fc.array(fc.record({ pick: fc.nat(), value: hostileValue }), { maxLength: 3 }),
  unknownQuery: fc.boolean(),
});

/**
 * Malformed requests for every operation of /api/docs-json — wrong types, missing and unknown
 * fields, huge and deeply nested bodies, invalid ids and ID numbers, SQL and script fragments,
 * control characters, invalid JSON, wrong content types — with a token of a role the route allows,
 * without one, with a bad one and with another role's. Each request that could write carries at
 * least one defect the API must refuse, so every domain table keeps exactly its rows.
 */
describe('fuzzing every operation of the OpenAPI document (MariaDB)', () => {
  let t: TestApp;
  let routes: Route[];
  let actors: Actor[];
  let visible: VisibleIds;
  let bad: Awaited<ReturnType<typeof badTokens>>;

  beforeAll(async () => {
    t = await createTestApp('mariadb');
    ({ routes } = await loadRoutes(t));
    const world = await buildScopeWorld(t);
    actors = world.actors;
    bad = await badTokens(t, actors[0].accountId);
    ({ visible } = await readLists(t, routes, actors, () => ''));
    // Fold every survey response into the counters now: a report a fuzz request reaches must find nothing left to count.
    const region = actors.find((a) => a.role === 'regionAdmin')!;
    for (const waveId of Object.values(world.waves))
      await probe(t, { method: 'GET', url: `/api/staff/survey-waves/${waveId}/report`, headers: region.headers });
  });
  afterAll(async () => t?.close());

  it(`answers no malformed request with a 5xx and changes no table (seed ${SEED}, at least ${TOTAL_REQUESTS} requests)`, async () => {
    const before = await rowCounts(t);
    const auditBefore = new Set<string>((await t.dataSource.query('SELECT id FROM audit_logs')).map((r: { id: string }) => r.id));
    const perRoute = Math.max(MIN_PER_ROUTE, Math.ceil(TOTAL_REQUESTS / routes.length));
    const failures: string[] = [];
    let sent = 0;
    for (const [index, route] of routes.entries()) {
      const samples = fc.sample(fuzzed, { seed: SEED + index, numRuns: perRoute });
      for (const sample of samples) {
        const request = buildRequest(route, sample);
        const result = await probe(t, request);
        sent += 1;
        if (result.status >= 500) {
          failures.push(`${route.method} ${route.path} (seed ${SEED + index}) → ${result.status}: ${summarise(request)} ⇒ ${result.text.slice(0, 200)}`);
        }
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(TOTAL_REQUESTS);

    const after = await rowCounts(t);
    expect({ ...after, audit_logs: 0 }).toEqual({ ...before, audit_logs: 0 });
    const added: { action: string }[] = await t.dataSource.query('SELECT id, action FROM audit_logs');
    expect(added.filter((r) => !auditBefore.has((r as { id: string } & typeof r).id) && !READ_AUDIT_ACTION.test(r.action))).toEqual([]);
  }, 180_000);

  function buildRequest(route: Route, sample: Fuzzed) {
    const headers = tokenFor(route, sample);
    // A hostile id that is itself percent-encoding goes in raw: a malformed escape must be a 400, not a crash.
    const url = fillPath(route, pathValues(route, sample), (v) => (v.startsWith('%') ? v : encodeLoosely(v))) + queryString(route, sample);
    if (route.method === 'GET') return { method: route.method, url, headers };
    const body = defectiveBody(route, sample);
    if (body.bogusPath)
      return {
        method: route.method,
        url: fillPath(route, bogusPathValues(route, sample), (v) => (v.startsWith('%') ? v : encodeLoosely(v))) + queryString(route, sample),
        headers,
        ...body,
      };
    return { method: route.method, url, headers, ...body };
  }

  function tokenFor(route: Route, sample: Fuzzed): Record<string, string> {
    const permitted = actors.filter((a) => route.roles === null || route.roles.includes(a.role));
    const others = actors.filter((a) => !permitted.includes(a));
    if (sample.token === 'none' || sample.token === 'expired' || sample.token === 'forged') return bad[sample.token];
    const pool = sample.token === 'otherRole' && others.length > 0 ? others : permitted.length > 0 ? permitted : actors;
    return pool[sample.actorPick % pool.length].headers;
  }

  /** Path values that name no record: a random id or a hostile string. */
  function bogusPathValues(route: Route, sample: Fuzzed): Record<string, string> {
    return Object.fromEntries(route.pathParams.map((param) => [param.name, sample.path === 'hostile' ? sample.hostile.slice(0, 300) : randomUUID()]));
  }

  function pathValues(route: Route, sample: Fuzzed): Record<string, string> {
    return Object.fromEntries(
      route.pathParams.map((param) => {
        const real = [...seenIds(visible, route, param.name)];
        if (sample.path === 'real' && real.length > 0) return [param.name, real[sample.pathPick % real.length]];
        if (sample.path === 'hostile') return [param.name, sample.hostile.slice(0, 300)];
        return [param.name, randomUUID()];
      }),
    );
  }

  function queryString(route: Route, sample: Fuzzed): string {
    const parts: string[] = [];
    for (const [i, param] of route.queryParams.entries()) {
      const noise = sample.noise[i % Math.max(1, sample.noise.length)];
      const value = noise
        ? typeof noise.value === 'string'
          ? noise.value
          : JSON.stringify(noise.value)
        : String(plausibleValue(param.schema ?? { type: 'string' }, param.name, () => undefined));
      parts.push(`${encodeLoosely(param.name)}=${encodeLoosely(value.slice(0, 2000))}`);
      if (sample.unknownQuery) parts.push(`${encodeLoosely(param.name)}=${encodeLoosely(sample.hostile.slice(0, 100))}`);
    }
    if (sample.unknownQuery) parts.push(`zzUnknown=${encodeLoosely(sample.hostile.slice(0, 100))}`);
    return parts.length ? `?${parts.join('&')}` : '';
  }

  /** A body with at least one defect the API must refuse; without a documented body only the parser's defects count. */
  function defectiveBody(route: Route, sample: Fuzzed): { payload: unknown; contentType?: string; bogusPath?: boolean } {
    const schema = route.body;
    const applicable = [...(schema?.properties ? applicableDefects(schema) : PARSER_DEFECTS), ...(namesRecords(route) ? ['bogusReference' as const] : [])];
    const defect = applicable.includes(sample.defect) ? sample.defect : applicable[sample.defectPick % applicable.length];
    const base = schema
      ? withNoise(
          plausibleValue(schema, 'body', () => undefined),
          schema,
          sample,
        )
      : {};
    const text = JSON.stringify(base);
    switch (defect) {
      case 'invalidJson':
        return {
          payload: [text.slice(0, Math.max(1, text.length - 1)), `${text},`, "{'a': 1}", '{"a": NaN}', '{"a":1}}', '\ufeff{"a":', '{"a":"\u0000'][
            sample.defectPick % 7
          ],
        };
      case 'wrongContentType':
        return [
          { payload: text, contentType: 'text/plain' },
          { payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
          { payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--', contentType: 'multipart/form-data; boundary=x' },
          { payload: '<a>1</a>', contentType: 'application/xml' },
        ][sample.defectPick % 4];
      case 'deepNesting': {
        const depth = [33, 100, 5000][sample.defectPick % 3];
        return { payload: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` };
      }
      case 'oversized':
        return { payload: JSON.stringify({ ...(base as object), zzPadding: 'x'.repeat(1_100_000) }) };
      case 'notAnObject':
        return { payload: [[], [base], 'text', 42, true][sample.defectPick % 5] };
      case 'missingRequired': {
        const required = schema!.required!;
        const copy = { ...(base as Record<string, unknown>) };
        delete copy[required[sample.defectPick % required.length]];
        return { payload: copy };
      }
      case 'wrongType': {
        const typed = Object.entries(schema!.properties!).filter(([, s]) => s.type);
        const [name, fieldSchema] = typed[sample.defectPick % typed.length];
        return { payload: { ...(base as object), [name]: wrongTypeFor(fieldSchema, sample.defectPick) } };
      }
      case 'bogusReference': {
        const bogus = () => (sample.path === 'hostile' ? sample.hostile.slice(0, 36) : randomUUID());
        const body = schema ? plausibleValue(schema, 'body', (field) => (REFERENCE_FIELD.test(field) ? bogus() : undefined)) : undefined;
        return {
          payload: schema && body ? withNoise(body, schema, sample, (name) => !REFERENCE_FIELD.test(name)) : {},
          bogusPath: route.pathParams.length > 0,
        };
      }
      case 'unknownField':
        return { payload: { ...(base as object), [UNKNOWN_KEYS[sample.defectPick % UNKNOWN_KEYS.length]]: sample.noise[0]?.value ?? sample.hostile } };
    }
  }
});

/** A body field that names a record (`teamId`, `personIds`…). */
const REFERENCE_FIELD = /Ids?$/;

/**
 * A request with bogus references is refused only if it names at least one record: a path
 * parameter, or a required reference field of its body.
 */
function namesRecords(route: Route): boolean {
  if (route.pathParams.length > 0) return true;
  return (route.body?.required ?? []).some((name) => REFERENCE_FIELD.test(name));
}

function applicableDefects(schema: Schema): Defect[] {
  const defects: Defect[] = ['unknownField', 'notAnObject', ...PARSER_DEFECTS];
  if ((schema.required ?? []).length > 0) defects.push('missingRequired');
  if (Object.values(schema.properties ?? {}).some((s) => s.type)) defects.push('wrongType');
  return defects;
}

/** Hostile values in some documented fields of a plausible body (alone, they may or may not be valid). */
function withNoise(base: unknown, schema: Schema, sample: Fuzzed, include: (name: string) => boolean = () => true): unknown {
  const names = Object.keys(schema.properties ?? {}).filter(include);
  if (names.length === 0 || typeof base !== 'object' || base === null) return base;
  const copy = { ...(base as Record<string, unknown>) };
  for (const { pick, value } of sample.noise) copy[names[pick % names.length]] = value;
  return copy;
}

/** A value of another JSON type than the schema's, never null (null reads as absent for an optional field). */
function wrongTypeFor(schema: Schema, pick: number): unknown {
  const byType: Record<string, unknown[]> = {
    string: [42, true, ['a'], { a: 1 }],
    integer: ['1', 1.5, true, [1], { n: 1 }],
    number: ['1', true, [1], { n: 1 }],
    boolean: ['true', 1, [true], { b: true }],
    array: ['a', 1, { 0: 'a' }, true],
    object: ['a', 1, [{}], true],
  };
  const options = byType[schema.type!] ?? ['a', 1];
  return options[pick % options.length];
}

function summarise(request: { method: string; url: string; payload?: unknown; contentType?: string }): string {
  const body =
    request.payload === undefined
      ? ''
      : ` ${request.contentType ?? 'application/json'} ${String(typeof request.payload === 'string' ? request.payload : JSON.stringify(request.payload)).slice(0, 300)}`;
  return `${request.method} ${request.url.slice(0, 300)}${body}`;
}
