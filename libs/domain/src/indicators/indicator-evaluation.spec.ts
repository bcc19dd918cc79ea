import { evaluate, gradeOf, standardise } from './indicator-evaluation';
import { EvaluationIndicator, INDICATORS } from './indicator-definitions';

const indicator = (code: string, points: number, target = 1): EvaluationIndicator => ({
  code,
  name: code,
  group: 'coverage',
  source: 'contracts',
  numerator: 'n',
  denominator: 'd',
  direction: 'atLeast',
  target,
  points,
  scoring: 'proportional',
});

describe('evaluate', () => {
  it('scores each indicator with its rate, Wilson interval and points, and totals them', () => {
    const result = evaluate(
      [indicator('check', 2), indicator('satisfaction', 10, 0.9)],
      {
        check: { numerator: 6989, denominator: 10000 },
        satisfaction: { numerator: 86, denominator: 100 },
      },
      {},
    );
    expect(result.indicators.map((i) => [i.code, i.status, i.points, i.met])).toEqual([
      ['check', 'scored', 1.4, false],
      ['satisfaction', 'scored', 9.56, false],
    ]);
    expect(result.indicators[0].rate).toBeCloseTo(0.6989, 10);
    expect(result.indicators[1].ci95?.[0]).toBeCloseTo(0.7786, 3);
    expect(result.indicators[1].ci95?.[1]).toBeCloseTo(0.9147, 3);
    expect(result).toMatchObject({ total: 10.96, maxTotal: 12, fullMark: 12, standardised: 10.96 });
  });

  it('标化: an indicator whose population is zero is left out and the rest scaled to the full mark', () => {
    // 乌审旗: 对辖区内无乡村振兴重点监测对象的，考核分值实行标化.
    const result = evaluate(
      [indicator('signing', 80), indicator('monitoredRural', 20)],
      {
        signing: { numerator: 72, denominator: 100 },
        monitoredRural: { numerator: 0, denominator: 0 },
      },
      {},
    );
    expect(result.indicators[1]).toMatchObject({ status: 'notApplicable', rate: null, points: null, maxPoints: 20 });
    expect(result).toMatchObject({ total: 57.6, maxTotal: 80, fullMark: 100, standardised: 72, grade: 'fair' });
  });

  it('indicators without data (source not built) are listed and left out the same way', () => {
    const result = evaluate([indicator('renewal', 50), indicator('referral', 50)], { renewal: { numerator: 1, denominator: 1 }, referral: null }, {});
    expect(result.indicators[1]).toMatchObject({ status: 'noData', numerator: null, denominator: null, points: null });
    expect(result).toMatchObject({ total: 50, maxTotal: 50, standardised: 100, grade: 'excellent' });
  });

  it('uses the region’s target, points and rule over the defaults', () => {
    const result = evaluate(
      [indicator('renewal', 10, 0.95)],
      { renewal: { numerator: 90, denominator: 100 } },
      {
        renewal: { target: 0.9, points: 8, scoring: 'threshold' },
      },
    );
    expect(result.indicators[0]).toMatchObject({ target: 0.9, maxPoints: 8, scoring: 'threshold', points: 8, met: true });
  });

  it('a numerator above the denominator (more signed than the entered population) has a rate but no interval', () => {
    const result = evaluate([indicator('signing', 10, 0.75)], { signing: { numerator: 120, denominator: 100 } }, {});
    expect(result.indicators[0]).toMatchObject({ rate: 1.2, ci95: null, points: 10, met: true });
  });

  it('nothing counted: no standardised score and no grade', () => {
    expect(evaluate([indicator('a', 10)], { a: { numerator: 0, denominator: 0 } }, {})).toMatchObject({
      total: 0,
      maxTotal: 0,
      standardised: null,
      grade: null,
    });
  });
});

describe('gradeOf', () => {
  it.each([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.99, 'good'],
    [80, 'good'],
    [79.99, 'fair'],
    [60, 'fair'],
    [59.99, 'poor'],
    [0, 'poor'],
  ])('%d → %s', (score, grade) => {
    expect(gradeOf(score)).toBe(grade);
  });
});

describe('standardise', () => {
  it('scales the earned points to the full mark', () => {
    expect(standardise(36, 45, 100)).toBe(80);
    expect(standardise(0, 0, 100)).toBeNull();
  });
});

describe('INDICATORS', () => {
  it('default points add up to the 100-point table, codes are unique', () => {
    expect(INDICATORS.reduce((sum, i) => sum + i.points, 0)).toBe(100);
    expect(new Set(INDICATORS.map((i) => i.code)).size).toBe(INDICATORS.length);
  });

  it('take the seeds’ targets: 常住人口签约率 ≥ 75 %, 续签率 ≥ 95 %, 满意度 ≥ 90 %, 知晓率 ≥ 85 %, 规范管理率 ≥ 80 %', () => {
    const target = (code: string) => INDICATORS.find((i) => i.code === code)?.target;
    expect([target('signing'), target('renewal'), target('satisfaction'), target('awareness'), target('managed.hypertension')]).toEqual([
      0.75, 0.95, 0.9, 0.85, 0.8,
    ]);
    expect(target('keyGroupSigning.monitoredRural')).toBe(1);
  });
});
