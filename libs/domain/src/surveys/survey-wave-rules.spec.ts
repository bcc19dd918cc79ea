import { alreadyAnswered, checkWaveOpen } from './survey-wave-rules';

describe('checkWaveOpen', () => {
  const wave = { opensAt: new Date('2026-12-01T00:00:00+08:00'), closesAt: new Date('2026-12-31T00:00:00+08:00') };

  it('takes answers from the opening time up to, not including, the closing time', () => {
    expect(checkWaveOpen(wave, wave.opensAt)).toEqual({ ok: true, value: true });
    expect(checkWaveOpen(wave, new Date(wave.closesAt.getTime() - 1))).toEqual({ ok: true, value: true });
  });

  it('refuses before it opens and once it has closed', () => {
    expect(checkWaveOpen(wave, new Date(wave.opensAt.getTime() - 1))).toMatchObject({ ok: false, code: 'SURVEY.NOT_OPEN', message: '本次调查还没有开始' });
    expect(checkWaveOpen(wave, wave.closesAt)).toMatchObject({ ok: false, code: 'SURVEY.CLOSED', message: '本次调查已经结束' });
  });
});

describe('alreadyAnswered', () => {
  it('thanks the resident who answers a second time', () => {
    expect(alreadyAnswered()).toEqual({ ok: false, code: 'SURVEY.ALREADY_ANSWERED', message: '您已经填写过本次调查，感谢参与' });
  });
});
