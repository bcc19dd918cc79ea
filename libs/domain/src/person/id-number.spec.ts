import { idCheckCharacter, makeIdNumber, maskIdNumber, parseIdNumber } from './id-number';

const TODAY = '2026-12-01';

describe('idCheckCharacter', () => {
  it('computes the GB 11643 check character', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(idCheckCharacter('11010519560310001')).toBe('5');
    expect(idCheckCharacter('11010519491231001')).toBe('1');
  });
});

describe('parseIdNumber', () => {
  it('accepts a valid number and reads birth date and gender', () => {
    expect(parseIdNumber('110105195603100015', TODAY)).toEqual({
      ok: true,
      value: { idNumber: '110105195603100015', birthDate: '1956-03-10', gender: 'male' },
    });
  });

  it('accepts lowercase x and surrounding or inner spaces', () => {
    expect(parseIdNumber(' 110105 19491231 002x ', TODAY)).toEqual({
      ok: true,
      value: { idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' },
    });
  });

  it('accepts full-width digits typed with a Chinese keyboard', () => {
    const result = parseIdNumber('１１０１０５１９５６０３１０００１５', TODAY);
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ idNumber: '110105195603100015' }) });
  });

  it.each([
    ['', 'ID.REQUIRED', '请填写身份证号'],
    ['   ', 'ID.REQUIRED', '请填写身份证号'],
    ['110105560310001', 'ID.LEGACY_15', '请填写18位身份证号，15位的老身份证号不能使用'],
    ['11010519560310001', 'ID.LENGTH', '身份证号应为18位，您填写了17位，请核对'],
    ['1101051956031000155', 'ID.LENGTH', '身份证号应为18位，您填写了19位，请核对'],
    ['11010519560310A015', 'ID.CHARACTERS', '身份证号只能填写数字，最后一位可以是X'],
    ['X10105195603100015', 'ID.CHARACTERS', '身份证号只能填写数字，最后一位可以是X'],
    ['110105195602300015', 'ID.BIRTH_DATE', '身份证号里的出生日期不对，请核对'],
    ['110105202712010015', 'ID.BIRTH_DATE', '身份证号里的出生日期不对，请核对'],
    ['110105195603100016', 'ID.CHECK_CHARACTER', '身份证号校验位不正确，请核对'],
  ])('refuses %j with %s', (raw, code, message) => {
    expect(parseIdNumber(raw, TODAY)).toEqual({ ok: false, code, message, field: 'idNumber' });
  });

  it('accepts someone born today but not tomorrow', () => {
    expect(parseIdNumber(makeIdNumber('2026-12-01', 'female'), TODAY).ok).toBe(true);
    expect(parseIdNumber(makeIdNumber('2026-12-02', 'female'), TODAY)).toMatchObject({ ok: false, code: 'ID.BIRTH_DATE' });
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskIdNumber('110105195603101234')).toBe('110105********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});

describe('makeIdNumber', () => {
  it('builds valid numbers carrying birth date and gender', () => {
    expect(makeIdNumber('1956-03-10', 'male')).toBe('110105195603100015');
    expect(makeIdNumber('1949-12-31', 'female')).toBe('11010519491231002X');
    const female = parseIdNumber(makeIdNumber('1980-01-01', 'female', 7), TODAY);
    expect(female).toEqual({
      ok: true,
      value: { idNumber: '110105198001010147', birthDate: '1980-01-01', gender: 'female' },
    });
  });

  it('gives different numbers for different seq', () => {
    const numbers = new Set([1, 2, 3, 499].map((seq) => makeIdNumber('1990-05-05', 'male', seq)));
    expect(numbers.size).toBe(4);
  });

  it('throws for a seq out of range', () => {
    expect(() => makeIdNumber('1990-05-05', 'male', 500)).toThrow(RangeError);
  });
});
