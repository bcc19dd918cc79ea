import { staffLogin } from './support/factories';
import { coordinatorLogin, moveReferralDate, publishPool, referable, requested, today } from './support/referral-factories';
import { createTestApp, TestApp } from './support/test-app';

type TodoItem = { kind: string; personId: string; referralId: string | null; title: string; date: string };

/** The team's to-do list carries the referral work: requests to approve, down-referrals to acknowledge, follow-ups after the hospital wrote. */
describe('referrals on the staff to-do list (MariaDB)', () => {
  let t: TestApp;
  let coordinator: Record<string, string>;
  let doctor: Record<string, string>;
  let otherTeamDoctor: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp('mariadb');
    coordinator = await coordinatorLogin(t);
    doctor = await staffLogin(t, 'clinic1.doctor1');
    otherTeamDoctor = await staffLogin(t, 'clinic2.doctor1');
  });
  afterAll(async () => t?.close());

  const todo = async (auth: Record<string, string>, query = '') =>
    (await t.http.get(`/api/staff/todo${query}`).set(auth).expect(200)).body as { counts: Record<string, number>; items: TodoItem[] };
  const referralItems = (items: TodoItem[], referralId: string) => items.filter((i) => i.referralId === referralId).map((i) => [i.kind, i.title, i.date]);

  it('lists a request until approved, then the down-referral until acknowledged and the follow-up until a service is recorded', async () => {
    const pool = await publishPool(t, coordinator);
    const resident = await referable(t);
    const referral = await requested(t, resident, pool.id);

    const asked = await todo(doctor);
    expect(referralItems(asked.items, referral.id)).toEqual([['referralToApprove', `转诊申请待审核：${pool.department}`, pool.date]]);
    expect(asked.counts.referralToApprove).toBeGreaterThanOrEqual(1);
    const [{ doctorId }] = await t.dataSource.query('SELECT doctorId FROM referrals WHERE id = ?', [referral.id]);
    const mine = (await t.http.get('/api/staff/todo?mine=true').set(doctor).expect(200)).body as { doctorId: string; items: TodoItem[] };
    expect(referralItems(mine.items, referral.id)).toHaveLength(mine.doctorId === doctorId ? 1 : 0);
    expect((await todo(otherTeamDoctor)).items.some((i) => i.referralId === referral.id)).toBe(false);

    await t.http.post(`/api/staff/referrals/${referral.id}/approve`).set(doctor).expect(200);
    expect(referralItems((await todo(doctor)).items, referral.id)).toEqual([]);

    await moveReferralDate(t, referral.id, today());
    await t.http.post(`/api/staff/referrals/${referral.id}/visit`).set(coordinator).expect(200);
    await t.http
      .post(`/api/staff/referrals/${referral.id}/feedback`)
      .set(coordinator)
      .send({ findings: '血压160/100mmHg', advice: '调整降压药', nextStep: '两周后社区复测血压' })
      .expect(200);
    const down = await t.http
      .post('/api/staff/down-referrals')
      .set(coordinator)
      .send({ referralId: referral.id, summary: '高血压3级，住院调整用药后出院', plan: '每两周社区随访血压' })
      .expect(201);

    const answered = await todo(doctor);
    expect(referralItems(answered.items, referral.id)).toEqual(
      expect.arrayContaining([
        ['downReferralToAcknowledge', '医院转回，待团队接收', today()],
        ['referralFollowUp', `转诊已就诊（${pool.department}），医院已回执，请随访`, today()],
      ]),
    );
    expect(referralItems(answered.items, referral.id)).toHaveLength(2);
    expect((await todo(otherTeamDoctor)).items.some((i) => i.referralId === referral.id)).toBe(false);

    await t.http.post(`/api/staff/down-referrals/${down.body.id}/acknowledge`).set(doctor).expect(200);
    await t.http
      .post('/api/staff/services')
      .set(doctor)
      .send({ contractId: resident.contractId, type: 'followUp', date: today(), channel: 'phone', measurements: { systolic: 138, diastolic: 86 } })
      .expect(201);
    expect(referralItems((await todo(doctor)).items, referral.id)).toEqual([]);
  });
});
