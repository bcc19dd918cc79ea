import { JsonLogger } from './json-logger';

describe(JsonLogger.name, () => {
  let written: string[];
  beforeEach(() => {
    written = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
  });
  afterEach(() => jest.restoreAllMocks());

  it('logs an error without a stack and never throws', () => {
    const logger = new JsonLogger();
    expect(() => logger.error('code2Session unreachable: fetch failed')).not.toThrow();
    expect(() => logger.error(undefined)).not.toThrow();
    expect(() => logger.error({ circular: globalThis })).not.toThrow();
    expect(written.map((line) => JSON.parse(line).message)).toContain('code2Session unreachable: fetch failed');
  });

  it('redacts ID numbers and phones from messages and stacks', () => {
    const logger = new JsonLogger();
    logger.error('person 110105194912310021 phone 13800138000', 'Error: at 110105194912310021');
    const text = written.join('');
    expect(text).not.toContain('110105194912310021');
    expect(text).not.toContain('13800138000');
  });
});
