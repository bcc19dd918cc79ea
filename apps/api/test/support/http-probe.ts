import type { TestApp } from './test-app';

export interface ProbeResult {
  status: number;
  text: string;
}

/**
 * One request through Fastify's inject (no socket: thousands of requests stay fast). `payload`
 * is sent as is: a string for raw bodies (invalid JSON, other content types), else JSON.
 */
export async function probe(
  t: TestApp,
  request: { method: string; url: string; headers?: Record<string, string>; payload?: unknown; contentType?: string },
): Promise<ProbeResult> {
  const fastify = t.app.getHttpAdapter().getInstance();
  const hasBody = request.payload !== undefined;
  const headers: Record<string, string> = { ...(request.headers ?? {}) };
  if (hasBody) headers['content-type'] = request.contentType ?? 'application/json';
  const response = await fastify.inject({
    method: request.method as 'GET',
    url: request.url,
    headers,
    ...(hasBody
      ? { payload: typeof request.payload === 'string' || Buffer.isBuffer(request.payload) ? request.payload : JSON.stringify(request.payload) }
      : {}),
  });
  return { status: response.statusCode, text: response.body };
}

/**
 * Tables that change while requests are refused, by design, and hold no domain data: the rate
 * limiter counts every request per client and window, and the jobs renew their leases on a timer.
 */
export const BOOKKEEPING_TABLES: Record<string, string> = {
  rate_limit_hits: 'the rate limiter counts every request, refused or not, per client address and window',
  job_leases: 'the background jobs renew their lease rows on a timer while the test runs',
};

/** Every table of the test database but the bookkeeping ones, with its row count (MariaDB). */
export async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await domainTables(t)) counts[table] = Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM \`${table}\``))[0].n);
  return counts;
}

/** Every row of every table but the bookkeeping ones, in a stable order, to prove that nothing at all changed. */
export async function snapshotTables(t: TestApp): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of await domainTables(t)) {
    const rows: object[] = await t.dataSource.query(`SELECT * FROM \`${table}\``);
    snapshot[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return snapshot;
}

async function domainTables(t: TestApp): Promise<string[]> {
  const rows: Record<string, string>[] = await t.dataSource.query('SHOW TABLES');
  return rows
    .map((row) => Object.values(row)[0])
    .filter((table) => !(table in BOOKKEEPING_TABLES))
    .sort();
}
