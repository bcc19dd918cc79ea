import { addDays, todayInChina } from '@jiayi/domain';
import { ContractFacts } from '../src/indicators/contract-facts';
import { demoTeam } from './support/contract-factories';
import { staffLogin } from './support/factories';
import { member, onsiteBody } from './support/service-factories';
import { createTestApp, TestApp } from './support/test-app';
import { refreshPlacementsOfContracts } from '../src/people/placements';

type Headers = Record<string, string>;
type Shown = { code: string; numerator: number | null; denominator: number | null; status: string };

/**
 * 慢病随访及时率 and 履约率 from the service plans (domain.md §9, §10), for a team's dashboard: two hypertensive patients of
 * team 1 signed 300 days ago for a year, so that three quarterly follow-up windows have closed and
 * the yearly health check is still open. One has a follow-up in two of them, the other in all three.
 */
describe('the dashboard’s plan indicators: 慢病随访及时率 and 履约率 (MariaDB)', () => {
  let t: TestApp;
  let admin1: Headers;
  let region: Headers;
  let doctor: Headers;
  const today = todayInChina(new Date());
  const start = addDays(today, -300);
  const query = `from=${addDays(today, -364)}&to=${today}`;
  let team1: string;

  beforeAll(async () => {
    t = await createTestApp('mariadb');
    [admin1, region, doctor] = await Promise.all(['clinic1.admin', 'region.admin', 'clinic1.doctor1'].map((u) => staffLogin(t, u)));
    team1 = (await demoTeam(t)).id;
    for (const [name, phone, days] of [
      ['王两次', '13700003331', [10, 200]],
      ['李三次', '13700003332', [10, 100, 200]],
    ] as const) {
      const signed = await t.http
        .post('/api/staff/onsite-signings')
        .set(doctor)
        .send(await onsiteBody(t, doctor, [member({ name, birthDate: '1950-05-05', phone, declaredTags: ['hypertension'] })]));
      if (signed.status !== 201) throw new Error(`onsite: ${signed.status} ${JSON.stringify(signed.body)}`);
      const contract = signed.body.contracts[0];
      await t.dataSource.query('UPDATE contracts SET startDate = ?, endDate = ? WHERE id = ?', [start, addDays(start, 364), contract.id]);
      await refreshPlacementsOfContracts(t.dataSource.manager, [contract.id]);
      for (const d of days) {
        await t.http
          .post('/api/staff/services')
          .set(doctor)
          .send({ contractId: contract.id, type: 'followUp', date: addDays(start, d), channel: 'clinic', measurements: { systolic: 130, diastolic: 80 } })
          .expect(201);
      }
    }
    // On-site contracts get their facts from the facts job (signed residents are counted from the facts).
    await t.app.get(ContractFacts).catchUp();
  });
  afterAll(async () => t?.close());

  const counts = (body: { indicators: Shown[] }, code: string) => {
    const found = body.indicators.find((i) => i.code === code)!;
    return [found.numerator, found.denominator];
  };

  it('a team: 5 of 6 closed follow-up windows kept, 1 of 2 contracts fulfilled; the other team has nothing due', async () => {
    const team = (await t.http.get(`/api/staff/indicators?${query}&teamId=${team1}`).set(doctor).expect(200)).body;
    expect(counts(team, 'followUpTimeliness')).toEqual([5, 6]);
    expect(counts(team, 'fulfilment')).toEqual([1, 2]);
    const other = (
      await t.http
        .get(`/api/staff/indicators?${query}&teamId=${(await demoTeam(t, '城关镇第二家庭医生团队')).id}`)
        .set(admin1)
        .expect(200)
    ).body;
    expect(counts(other, 'fulfilment')).toEqual([0, 0]);
    // Derived per request, so a team's only: the institution reads "no data".
    const clinic = (await t.http.get(`/api/staff/indicators?${query}`).set(admin1).expect(200)).body;
    expect(clinic.indicators.find((i: Shown) => i.code === 'fulfilment').status).toBe('noData');
  });

  it('a past period counts the windows closed in it; the region leaves them out (no data)', async () => {
    // Up to the day the second window closed: two windows, the patient with two follow-ups missed the second.
    const secondEnd = addDays(start, 181);
    const past = (
      await t.http
        .get(`/api/staff/indicators?from=${addDays(start, -10)}&to=${secondEnd}&teamId=${team1}`)
        .set(admin1)
        .expect(200)
    ).body;
    expect(counts(past, 'followUpTimeliness')).toEqual([3, 4]);
    const whole = (await t.http.get(`/api/staff/indicators?${query}`).set(region).expect(200)).body;
    expect(whole.indicators.find((i: Shown) => i.code === 'fulfilment').status).toBe('noData');
  });

  it('scope: a clinic admin cannot read another institution’s plan figures (404)', async () => {
    await t.http.get(`/api/staff/indicators?${query}&institutionId=${t.demo.institutions.clinic2.id}`).set(admin1).expect(404);
  });
});
