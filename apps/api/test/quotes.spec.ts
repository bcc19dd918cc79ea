import { idNumberFor, residentWithProfile } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const ELDERLY = ['basicPublicHealth', 'basicMedical', 'elderly'];

describe('POST /api/quotes — the reference scenarios to the fen (MariaDB)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('mariadb');
  });
  afterAll(async () => t?.close());

  const quote = (auth: Record<string, string>, personId: string, packageCodes: string[], years: number) =>
    t.http.post('/api/quotes').set(auth).send({ personId, packageCodes, years });

  it('70-year-old, basic + elderly package, one year: 104 yuan (医保 69, 个人 25, 公卫 10)', async () => {
    const r = await residentWithProfile(t, { birthDate: '1956-02-10' });
    const response = await quote(r.auth, r.person.id, ELDERLY, 1).expect(200);
    expect(response.body.totals).toEqual({ total: 10400, insurance: 6900, selfPay: 2500, publicHealth: 1000, fiscal: 0 });
    expect(response.body.years).toBe(1);
    expect(response.body.policyLines).toEqual([]);
    const sum = (key: string) => response.body.lines.reduce((s: number, l: Record<string, number>) => s + l[key], 0);
    expect(sum('amount')).toBe(10400);
    // 基本公卫服务包 is nested in the elderly package but charged once.
    expect(
      response.body.lines
        .filter((l: { packageCode: string }) => l.packageCode === 'basicPublicHealth')
        .reduce((s: number, l: { amount: number }) => s + l.amount, 0),
    ).toBe(1000);
  });

  it('the same for three years is three times as much', async () => {
    const r = await residentWithProfile(t, { birthDate: '1956-02-10' });
    const response = await quote(r.auth, r.person.id, ELDERLY, 3).expect(200);
    expect(response.body.totals).toEqual({ total: 31200, insurance: 20700, selfPay: 7500, publicHealth: 3000, fiscal: 0 });
  });

  it('a diabetes patient on 低保 gets the self-pay of the basic packages waived, shown as its own line', async () => {
    const r = await residentWithProfile(t, { birthDate: '1968-09-09', declaredTags: ['diabetes2', 'lowIncome'] });
    const response = await quote(r.auth, r.person.id, ['basicPublicHealth', 'basicMedical', 'diabetes'], 1).expect(200);
    const { totals, policyLines } = response.body;
    expect(policyLines).toHaveLength(1);
    expect(policyLines[0]).toMatchObject({ policy: 'waiver', fromPayer: 'selfPay', toPayer: 'fiscal', amount: 500 });
    expect(totals.total).toBe(2500 + 10100);
    expect(totals.fiscal).toBe(500);
    expect(totals.insurance + totals.publicHealth + totals.selfPay + totals.fiscal).toBe(totals.total);
  });

  it('a 50-year-old is not offered the elderly package, and quoting it is refused', async () => {
    const r = await residentWithProfile(t, { birthDate: '1976-04-04' });
    const offered = await t.http.get(`/api/packages?personId=${r.person.id}`).set(r.auth).expect(200);
    expect(offered.body.map((p: { code: string }) => p.code).sort()).toEqual(['basicMedical', 'basicPublicHealth']);
    const response = await quote(r.auth, r.person.id, ELDERLY, 1).expect(409);
    expect(response.body.code).toBe('QUOTE.NOT_ELIGIBLE');
    expect(response.body.message).toMatch(/65/);
  });

  it('two personalised packages are refused with a clear code', async () => {
    const r = await residentWithProfile(t, { birthDate: '1950-01-01', declaredTags: ['hypertension'] });
    const response = await quote(r.auth, r.person.id, [...ELDERLY, 'hypertension'], 1).expect(409);
    expect(response.body.code).toBe('QUOTE.TOO_MANY_PERSONALISED');
    expect(response.body.message).toContain('个性化');
  });

  it('packages come with their items and per-year split', async () => {
    const r = await residentWithProfile(t, { birthDate: '1950-01-01' });
    const offered = await t.http.get(`/api/packages?personId=${r.person.id}`).set(r.auth).expect(200);
    const elderly = offered.body.find((p: { code: string }) => p.code === 'elderly');
    expect(elderly).toMatchObject({ kind: 'personalised', targetTags: ['elderly65'] });
    expect(elderly.totals).toMatchObject({ total: 7900, insurance: 4900, selfPay: 2000, publicHealth: 1000 });
    expect(elderly.items.length).toBeGreaterThanOrEqual(4);
  });

  it.each([
    [{ years: 4 }, 'years'],
    [{ years: 1.5 }, 'years'],
    [{ packageCodes: [] }, 'packageCodes'],
    [{ packageCodes: 'elderly' }, 'packageCodes'],
    [{ personId: '' }, 'personId'],
    [{ extra: 1 }, 'extra'],
  ])('refuses bad input %j on field %s', async (override, field) => {
    const r = await residentWithProfile(t, { birthDate: '1950-01-01' });
    const response = await t.http
      .post('/api/quotes')
      .set(r.auth)
      .send({ personId: r.person.id, packageCodes: ELDERLY, years: 1, ...override })
      .expect(400);
    expect(response.body.details[0].field).toBe(field);
    expect(response.body.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it("refuses an unknown package code and another account's person", async () => {
    const r = await residentWithProfile(t);
    const unknown = await quote(r.auth, r.person.id, ['basicPublicHealth', 'basicMedical', 'nope'], 1).expect(400);
    expect(unknown.body.code).toBe('QUOTE.UNKNOWN_PACKAGE');
    const other = await residentWithProfile(t, { idNumber: idNumberFor('1960-01-01') });
    await quote(r.auth, other.person.id, ['basicPublicHealth', 'basicMedical'], 1).expect(404);
  });

  it("tells a resident the signing rules of their region, the region admin's changes included, and nobody else's", async () => {
    const r = await residentWithProfile(t);
    const before = await t.http.get(`/api/policy?personId=${r.person.id}`).set(r.auth).expect(200);
    expect(before.body).toEqual({ maxPersonalisedPackages: 1, renewalWindowDays: 30, doctorCapacity: 2000 });
    await t.dataSource.query('UPDATE regions SET policy = ? WHERE id = ?', [JSON.stringify({ maxPersonalisedPackages: 2 }), t.demo.regionId]);
    const after = await t.http.get(`/api/policy?personId=${r.person.id}`).set(r.auth).expect(200);
    expect(after.body).toEqual({ maxPersonalisedPackages: 2, renewalWindowDays: 30, doctorCapacity: 2000 });
    const other = await residentWithProfile(t);
    await t.http.get(`/api/policy?personId=${r.person.id}`).set(other.auth).expect(404);
  });
});
