import { ok, refuse } from './result';

describe('result', () => {
  it('wraps a value', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
  });

  it('builds a refusal with and without a field', () => {
    expect(refuse('ID.REQUIRED', '请填写身份证号', 'idNumber')).toEqual({
      ok: false,
      code: 'ID.REQUIRED',
      message: '请填写身份证号',
      field: 'idNumber',
    });
    expect(refuse('QUOTE.YEARS', '不行')).toStrictEqual({ ok: false, code: 'QUOTE.YEARS', message: '不行' });
  });
});
