import { checkPersonName } from './person-name';

describe('checkPersonName', () => {
  it.each(['张三', '欧阳娜娜', '阿依古丽·买买提', 'Anna Müller', 'Jean-Luc'])('accepts %s', (name) => {
    expect(checkPersonName(name)).toEqual({ ok: true, value: name });
  });

  it('trims the name it accepts', () => {
    expect(checkPersonName('  王芳 ')).toEqual({ ok: true, value: '王芳' });
  });

  it.each([
    [' ', 'PERSON.NAME_REQUIRED'],
    ['', 'PERSON.NAME_REQUIRED'],
    ['\u0000', 'PERSON.NAME_INVALID'],
    ['<script>alert(1)</script>', 'PERSON.NAME_INVALID'],
    ['张三1', 'PERSON.NAME_INVALID'],
    ["王'; DROP TABLE people;--", 'PERSON.NAME_INVALID'],
    ['张\u200b三', 'PERSON.NAME_INVALID'],
    ['·张三', 'PERSON.NAME_INVALID'],
    ['张'.repeat(31), 'PERSON.NAME_TOO_LONG'],
  ])('refuses %j with %s', (name, code) => {
    const result = checkPersonName(name);
    expect(result).toMatchObject({ ok: false, code, field: 'name' });
  });
});
