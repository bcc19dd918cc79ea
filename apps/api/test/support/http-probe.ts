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
    ...(hasBody ? { payload: typeof request.payload === 'string' || Buffer.isBuffer(request.payload) ? request.payload : JSON.stringify(request.payload) } : {}),
  });
  return { status: response.statusCode, text: response.body };
}

/** Every table of the test database with its row count (MariaDB). */
export async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tableNames(t)) counts[table] = Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM \`${table}\``))[0].n);
  return counts;
}

/** Every row of every table, in a stable order, to prove that nothing at all changed. */
export async function snapshotTables(t: TestApp): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of await tableNames(t)) {
    const rows: object[] = await t.dataSource.query(`SELECT * FROM \`${table}\``);
    snapshot[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return snapshot;
}

async function tableNames(t: TestApp): Promise<string[]> {
  const rows: Record<string, string>[] = await t.dataSource.query('SHOW TABLES');
  return rows.map((row) => Object.values(row)[0]).sort();
}
