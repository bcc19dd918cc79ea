import { jsonDepth, MAX_JSON_DEPTH } from './json-depth';

describe('jsonDepth', () => {
  it('counts objects and arrays, not brackets inside strings', () => {
    expect(jsonDepth('{"a":[1,{"b":"]"}]}')).toBe(3);
    expect(jsonDepth('"[[[["')).toBe(0);
    expect(jsonDepth('{"a":"\\"[["}')).toBe(1);
  });

  it('stops counting once past the limit', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    expect(jsonDepth(deep, MAX_JSON_DEPTH)).toBe(MAX_JSON_DEPTH + 1);
  });
});
