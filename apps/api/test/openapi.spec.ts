import SwaggerParser from '@apidevtools/swagger-parser';
import { createTestApp, TestApp } from './support/test-app';

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };

/** The OpenAPI document an integrator generates a client from: valid, and every endpoint says what it answers. */
describe('OpenAPI document (/api/docs-json)', () => {
  let t: TestApp;
  let document: { paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    t = await createTestApp('mariadb');
    document = (await t.http.get('/api/docs-json').expect(200)).body;
  });
  afterAll(async () => t?.close());

  it('is a valid OpenAPI document by an independent validator', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it('declares a success schema and the error shape for every endpoint', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const { route, op } of operations) {
      const responses = Object.entries(op.responses ?? {});
      const success = responses.filter(([status]) => /^2/.test(status));
      if (success.length === 0) problems.push(`${route}: no success response`);
      for (const [status, response] of success) {
        if (status !== '204' && !Object.values(response.content ?? {}).some((c) => c.schema)) problems.push(`${route} ${status}: no schema`);
      }
      const errors = responses.filter(([status]) => /^[45]/.test(status));
      if (!errors.some(([status]) => status === '400')) problems.push(`${route}: no 400 response`);
      for (const [status, response] of errors) {
        const schema = response.content?.['application/json']?.schema as { properties?: Record<string, unknown> } | undefined;
        if (!schema?.properties?.statusCode || !schema.properties.details) problems.push(`${route} ${status}: not the api.md error shape`);
      }
    }
    expect(problems).toEqual([]);
  });
});
