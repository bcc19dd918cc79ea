import { randomUUID } from 'node:crypto';
import { probe, ProbeResult, snapshotTables } from './support/http-probe';
import { badTokens, fillPath, listPathFor, loadRoutes, plausibleValue, Route } from './support/route-table';
import { Actor, buildScopeWorld, reachableSides, readLists, seenIds, Side, VisibleIds } from './support/scope-world';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The authorisation matrix, generated from the OpenAPI document and each route's @Roles / @Public
 * metadata: a new endpoint is covered without touching this file. Two separate worlds (side A: a
 * household of clinic 1's first team, side B: one of clinic 2) are made through the API; every
 * caller then probes every route. Expected (api.md): 401 without, with an expired or a forged
 * token; 403 for a role the route does not list; 404 (or 403) for a record outside the caller's
 * scope; and not one byte of the database changed by any refused probe.
 */
describe('authorisation matrix (MariaDB), generated from the route table', () => {
  let t: TestApp;
  let routes: Route[];
  let actors: Actor[];
  let sides: Record<'a' | 'b', Side>;
  let bad: Awaited<ReturnType<typeof badTokens>>;
  let visible: VisibleIds;
  const reads: { actor: Actor; route: Route; url: string; result: ProbeResult }[] = [];
  let before: Record<string, string[]>;

  const allowed = (route: Route, actor: Actor) => route.roles === null || route.roles.includes(actor.role);
  const privateIds = (side: Side) => [...side.personIds, ...side.contractIds, ...side.responseIds, ...side.noticeIds, ...side.referralIds];
  const foreignSides = (actor: Actor) => (['a', 'b'] as const).filter((s) => !reachableSides(actor).includes(s));
  const idsOfKind = (side: Side, field: string): string | undefined => {
    if (/^personIds?$/.test(field)) return side.personIds[0];
    if (/^contractIds?$/.test(field)) return side.contractIds[0];
    if (/^responseIds?$/.test(field)) return side.responseIds[0];
    if (/^noticeIds?$/.test(field)) return side.noticeIds[0];
    if (/^referralIds?$/.test(field)) return side.referralIds[0];
    return undefined;
  };
  const bodyFor = (route: Route, side: Side | null) =>
    route.body ? plausibleValue(route.body, 'body', (field) => (side ? idsOfKind(side, field) : undefined)) : undefined;
  const queryFor = (route: Route) => {
    const params = new URLSearchParams();
    for (const q of route.queryParams.filter((p) => p.required))
      params.set(q.name, String(plausibleValue(q.schema ?? { type: 'string' }, q.name, () => undefined)));
    const text = params.toString();
    return text ? `?${text}` : '';
  };
  /** The first id any caller saw for each path parameter (a random one when none did). */
  const anyPathValues = (route: Route) => Object.fromEntries(route.pathParams.map((p) => [p.name, [...seenIds(visible, route, p.name)][0] ?? randomUUID()]));
  const leaks = (text: string, actor: Actor) => foreignSides(actor).flatMap((s) => privateIds(sides[s]).filter((id) => text.includes(id)));

  beforeAll(async () => {
    t = await createTestApp('mariadb');
    ({ routes } = await loadRoutes(t));
    const world = await buildScopeWorld(t);
    actors = world.actors;
    sides = world.sides;
    bad = await badTokens(t, actors.find((a) => a.role === 'regionAdmin')!.accountId);

    // Lists first, as each caller: what they show is the caller's own view of each kind of record.
    const lists = await readLists(t, routes, actors, queryFor);
    visible = lists.visible;
    reads.push(...lists.reads);
    // Then each caller reads the records its own lists showed it (this also rolls the surveys up).
    for (const route of routes.filter((r) => r.method === 'GET' && r.pathParams.length > 0 && !r.isPublic)) {
      for (const actor of actors.filter((a) => allowed(route, a))) {
        const values = ownPathValues(route, actor);
        if (!values) continue;
        const url = `${fillPath(route, values)}${queryFor(route)}`;
        reads.push({ actor, route, url, result: await probe(t, { method: 'GET', url, headers: actor.headers }) });
      }
    }
    before = await snapshotTables(t);
  });
  afterAll(async () => t?.close());

  /** Path values from the caller's own lists (the first id each showed it), or null when it saw none. */
  function ownPathValues(route: Route, actor: Actor): Record<string, string> | null {
    const values: Record<string, string> = {};
    for (const param of route.pathParams) {
      const own = [...seenIds(visible, route, param.name, actor)];
      if (own.length === 0) return null;
      values[param.name] = own[0];
    }
    return values;
  }

  it('finds every operation of the document with its roles, and the worlds to probe', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(
      routes
        .filter((r) => r.isPublic)
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual(expect.arrayContaining(['GET /api/health', 'POST /api/auth/staff-login', 'POST /api/auth/wechat-login']));
    expect(visible.get(actors[0].name)?.get('/api/contracts#id')?.size).toBe(2);
  });

  it('lists and reads show no caller a record outside its scope, and every record a list shows can be read', () => {
    const failures: string[] = [];
    for (const { actor, route, url, result } of reads) {
      if (result.status >= 500) failures.push(`${actor.name} GET ${url} → ${result.status}`);
      const leaked = leaks(result.text, actor);
      if (leaked.length) failures.push(`${actor.name} GET ${url} shows records outside its scope: ${leaked.join(', ')}`);
      // A record a list shows can be opened (GET <list>/{id}); sub-resources may be narrower by design
      // (a doctor takes part in an institution's survey fieldwork but sees only its team's report).
      const isItem = route.pathParams.length === 1 && route.path === `${listPathFor(route, route.pathParams[0].name)}/{${route.pathParams[0].name}}`;
      if (isItem && [401, 403, 404].includes(result.status)) failures.push(`${actor.name} GET ${url} → ${result.status} for a record its own list showed`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 401 on every non-public route without a token, with an expired token and with a forged token', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      const url = fillPath(route, anyPathValues(route));
      for (const [name, headers] of Object.entries(bad)) {
        const result = await probe(t, { method: route.method, url, headers, payload: route.method === 'GET' ? undefined : (bodyFor(route, sides.a) ?? {}) });
        if (result.status !== 401) failures.push(`${route.method} ${url} with ${name} token → ${result.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to every role a route does not list', async () => {
    const failures: string[] = [];
    let probes = 0;
    for (const route of routes.filter((r) => !r.isPublic && r.roles !== null)) {
      for (const actor of actors.filter((a) => !allowed(route, a))) {
        const url = fillPath(route, anyPathValues(route));
        const result = await probe(t, {
          method: route.method,
          url,
          headers: actor.headers,
          payload: route.method === 'GET' ? undefined : (bodyFor(route, sides.a) ?? {}),
        });
        probes += 1;
        if (result.status !== 403) failures.push(`${actor.name} ${route.method} ${url} → ${result.status} (roles: ${route.roles!.join(', ')})`);
      }
    }
    expect(failures).toEqual([]);
    expect(probes).toBeGreaterThan(50);
  });

  it('answers 404 (or 403) to every caller reaching through a path for a record outside its scope', async () => {
    const failures: string[] = [];
    let probes = 0;
    for (const route of routes.filter((r) => !r.isPublic && r.pathParams.length > 0)) {
      for (const actor of actors.filter((a) => allowed(route, a))) {
        for (const param of route.pathParams) {
          const own = seenIds(visible, route, param.name, actor);
          const outside = [...seenIds(visible, route, param.name)].filter((id) => !own.has(id));
          for (const id of [...outside, randomUUID()]) {
            const values = { ...(ownPathValues(route, actor) ?? {}), [param.name]: id };
            const url = `${fillPath(route, values)}${route.method === 'GET' ? queryFor(route) : ''}`;
            const owner = (['a', 'b'] as const).find((s) => privateIds(sides[s]).includes(id));
            const result = await probe(t, {
              method: route.method,
              url,
              headers: actor.headers,
              payload: route.method === 'GET' ? undefined : (bodyFor(route, owner ? sides[owner] : null) ?? {}),
            });
            probes += 1;
            const refusedAs = route.method === 'GET' && !route.queryParams.some((q) => q.required) ? [403, 404] : [400, 403, 404];
            if (!refusedAs.includes(result.status)) failures.push(`${actor.name} ${route.method} ${url} → ${result.status}: ${result.text.slice(0, 160)}`);
            const leaked = leaks(result.text, actor);
            if (leaked.length) failures.push(`${actor.name} ${route.method} ${url} answer shows ${leaked.join(', ')}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(probes).toBeGreaterThan(100);
  });

  it("refuses writes that name another household's person or contract in their body", async () => {
    const failures: string[] = [];
    let probes = 0;
    for (const route of routes.filter((r) => !r.isPublic && r.method !== 'GET' && r.body && /"(personIds?|contractIds?)"/.test(JSON.stringify(r.body)))) {
      for (const actor of actors.filter((a) => allowed(route, a))) {
        const values = route.pathParams.length ? ownPathValues(route, actor) : {};
        if (!values) continue;
        for (const side of foreignSides(actor)) {
          const url = fillPath(route, values);
          const result = await probe(t, { method: route.method, url, headers: actor.headers, payload: bodyFor(route, sides[side]) });
          probes += 1;
          if (![400, 403, 404].includes(result.status))
            failures.push(`${actor.name} ${route.method} ${url} naming side ${side} → ${result.status}: ${result.text.slice(0, 160)}`);
          const leaked = leaks(result.text, actor);
          if (leaked.length) failures.push(`${actor.name} ${route.method} ${url} answer shows ${leaked.join(', ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(probes).toBeGreaterThan(5);
  });

  it('changed not one row of any table with all those refused probes', async () => {
    expect(await snapshotTables(t)).toEqual(before);
  });
});
