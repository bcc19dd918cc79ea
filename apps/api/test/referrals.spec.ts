import { addDays } from '@jiayi/domain';
import { ReferralJobs } from '../src/referrals/referral-jobs';
import { residentWithPendingContract } from './support/contract-factories';
import { staffLogin } from './support/factories';
import {
  coordinatorLogin,
  freshSlot,
  moveReferralDate,
  otherHospitalCoordinator,
  poolHeld,
  publishPool,
  referable,
  requested,
  requestReferral,
  today,
} from './support/referral-factories';
import { createTestApp, TestApp } from './support/test-app';

describe('referrals (MariaDB)', () => {
  let t: TestApp;
  let coordinator: Record<string, string>;
  let doctor: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp('mariadb');
    coordinator = await coordinatorLogin(t);
    doctor = await staffLogin(t, 'clinic1.doctor1');
  });
  afterAll(async () => t?.close());

  const notices = async (auth: Record<string, string>) =>
    (await t.http.get('/api/notices').set(auth).expect(200)).body as { kind: string; refId: string; body: string }[];

  describe('slot pools', () => {
    it('publishes a pool, refuses the same slot twice and an unknown department, and shows places left to residents', async () => {
      const slot = freshSlot();
      const pool = await publishPool(t, coordinator, { ...slot, capacity: 4 });
      expect(pool).toMatchObject({ ...slot, capacity: 4, booked: 0, left: 4, closed: false, hospitalId: t.demo.hospitalId });
      const again = await t.http
        .post('/api/staff/referral-slots')
        .set(coordinator)
        .send({ ...slot, capacity: 2 })
        .expect(409);
      expect(again.body).toMatchObject({ code: 'REFERRAL.POOL_EXISTS', details: [{ field: 'date' }] });
      const unknown = await t.http
        .post('/api/staff/referral-slots')
        .set(coordinator)
        .send({ ...freshSlot(), department: '火星科', capacity: 2 })
        .expect(400);
      expect(unknown.body).toMatchObject({ code: 'REFERRAL.UNKNOWN_DEPARTMENT', details: [{ field: 'department', message: '这家医院没有这个科室' }] });
      const resident = await referable(t);
      const seen = await t.http
        .get('/api/referral-slots')
        .query({ hospitalId: t.demo.hospitalId, department: slot.department, from: slot.date, to: slot.date })
        .set(resident.auth)
        .expect(200);
      expect(seen.body).toEqual([expect.objectContaining({ id: pool.id, left: 4 })]);
    });

    it('shows the demo pools of the coming two weeks', async () => {
      const resident = await referable(t);
      const seen = await t.http.get('/api/referral-slots').query({ hospitalId: t.demo.hospitalId, department: '内科' }).set(resident.auth).expect(200);
      expect(seen.body.length).toBeGreaterThanOrEqual(16);
      expect(seen.body.every((p: { date: string }) => p.date > today() && p.date <= addDays(today(), 14))).toBe(true);
    });

    it('publishes a week template over two weeks, leaving existing pools alone', async () => {
      const from = addDays(today(), 30);
      const existing = await publishPool(t, coordinator, { department: '眼科', date: from, period: 'am', capacity: 9 });
      const response = await t.http
        .post('/api/staff/referral-slots/batch')
        .set(coordinator)
        .send({ department: '眼科', from, to: addDays(from, 13), weekdays: [0, 1, 2, 3, 4, 5, 6], periods: ['am', 'pm'], capacity: 5 })
        .expect(201);
      expect(response.body.created).toHaveLength(27);
      expect(response.body.skipped).toEqual([{ date: from, period: 'am' }]);
      const [{ capacity }] = await t.dataSource.query('SELECT capacity FROM referral_slot_pools WHERE id = ?', [existing.id]);
      expect(Number(capacity)).toBe(9);
    });

    it('raises and lowers capacity but never below what is held, and closes a pool to new bookings', async () => {
      const pool = await publishPool(t, coordinator, { capacity: 2 });
      const [a, b] = [await referable(t), await referable(t)];
      await requested(t, a, pool.id);
      await requested(t, b, pool.id);
      const below = await t.http.put(`/api/staff/referral-slots/${pool.id}`).set(coordinator).send({ capacity: 1 }).expect(409);
      expect(below.body).toMatchObject({ code: 'REFERRAL.CAPACITY_BELOW_HELD', message: '已有2人预约，号源数不能少于2', details: [{ field: 'capacity' }] });
      const raised = await t.http.put(`/api/staff/referral-slots/${pool.id}`).set(coordinator).send({ capacity: 3 }).expect(200);
      expect(raised.body).toMatchObject({ capacity: 3, booked: 2, left: 1 });
      const closed = await t.http.put(`/api/staff/referral-slots/${pool.id}`).set(coordinator).send({ closed: true }).expect(200);
      expect(closed.body).toMatchObject({ closed: true, left: 0 });
      const refused = await requestReferral(t, await referable(t), pool.id).expect(409);
      expect(refused.body).toMatchObject({ code: 'REFERRAL.POOL_CLOSED', message: '这个号源已停止预约，请选择其他日期' });
      expect(await poolHeld(t, pool.id)).toEqual({ held: 2, capacity: 3, occupying: 2 });
    });

    it('keeps pools to the coordinator’s hospital: another hospital’s coordinator gets 404', async () => {
      const pool = await publishPool(t, coordinator);
      const other = await otherHospitalCoordinator(t);
      await t.http.put(`/api/staff/referral-slots/${pool.id}`).set(other).send({ capacity: 9 }).expect(404);
      await t.http
        .post('/api/staff/referral-slots')
        .set(other)
        .send({ ...freshSlot(), hospitalId: t.demo.hospitalId, capacity: 2 })
        .expect(404);
      await t.http
        .post('/api/staff/referral-slots')
        .set(doctor)
        .send({ ...freshSlot(), capacity: 2 })
        .expect(403);
    });
  });

  describe('a referral from request to feedback', () => {
    it('holds a place, the doctor approves, the hospital records the visit and writes feedback the resident reads', async () => {
      const pool = await publishPool(t, coordinator, { capacity: 2 });
      const resident = await referable(t);
      const response = await requestReferral(t, resident, pool.id).expect(201);
      expect(response.body).toMatchObject({
        status: 'requested',
        slotId: pool.id,
        department: pool.department,
        date: pool.date,
        period: pool.period,
        requestedBy: 'resident',
        hospitalName: '示范县人民医院',
        hospitalAddress: '示范县解放路1号',
        reason: '血压控制不佳，需专科调整用药',
        feedback: null,
      });
      expect(response.body.whatToBring).toContain('身份证或社保卡（医保卡）');
      const hold = new Date(response.body.holdExpiresAt).getTime() - new Date(response.body.createdAt).getTime();
      expect(hold).toBe(24 * 60 * 60 * 1000);
      expect(await poolHeld(t, pool.id)).toEqual({ held: 1, capacity: 2, occupying: 1 });
      const [stored] = await t.dataSource.query('SELECT reasonCipher FROM referrals WHERE id = ?', [response.body.id]);
      expect(stored.reasonCipher).not.toContain('血压');

      const queue = await t.http.get('/api/staff/referrals').query({ status: 'requested' }).set(doctor).expect(200);
      const queued = queue.body.find((r: { id: string }) => r.id === response.body.id);
      expect(queued.contract).toMatchObject({ status: 'active', packages: expect.arrayContaining([expect.any(String)]) });
      expect(queued.person).toMatchObject({ name: '测试居民', idNumberMasked: expect.stringMatching(/\*{8}/) });

      const approved = await t.http.post(`/api/staff/referrals/${response.body.id}/approve`).set(doctor).expect(200);
      expect(approved.body).toMatchObject({ status: 'booked', holdExpiresAt: null });
      const twice = await t.http.post(`/api/staff/referrals/${response.body.id}/approve`).set(doctor).expect(409);
      expect(twice.body).toMatchObject({ code: 'REFERRAL.INVALID_TRANSITION', message: '这次转诊已预约，不能再改为已预约' });
      expect((await notices(resident.auth)).map((n) => n.kind)).toContain('referralBooked');

      const early = await t.http.post(`/api/staff/referrals/${response.body.id}/visit`).set(coordinator).expect(409);
      expect(early.body.code).toBe('REFERRAL.OUTCOME_TOO_EARLY');
      await moveReferralDate(t, response.body.id, today());
      const lateCancel = await t.http.post(`/api/referrals/${response.body.id}/cancel`).set(resident.auth).expect(409);
      expect(lateCancel.body).toMatchObject({ code: 'REFERRAL.CANCEL_TOO_LATE', message: '就诊当天及之后不能取消预约' });
      const notVisited = await t.http
        .post(`/api/staff/referrals/${response.body.id}/feedback`)
        .set(coordinator)
        .send({ findings: 'x', advice: 'y', nextStep: 'z' })
        .expect(409);
      expect(notVisited.body.code).toBe('REFERRAL.NOT_VISITED');

      const arrivals = await t.http.get('/api/staff/referrals').query({ status: 'booked', from: today(), to: today() }).set(coordinator).expect(200);
      const arrival = arrivals.body.find((r: { id: string }) => r.id === response.body.id);
      expect(arrival).toMatchObject({
        contract: null,
        person: { phone: '13800138000', gender: expect.any(String), age: expect.any(Number) },
        doctor: { name: expect.any(String), phone: expect.any(String) },
      });
      expect(arrival.person).not.toHaveProperty('idNumber');

      await t.http.post(`/api/staff/referrals/${response.body.id}/visit`).set(coordinator).expect(200);
      const feedback = {
        findings: '原发性高血压2级，心电图未见异常',
        advice: '氨氯地平5mg每日一次，低盐饮食',
        nextStep: '两周后社区复测血压，一个月后心内科复诊',
      };
      const written = await t.http.post(`/api/staff/referrals/${response.body.id}/feedback`).set(coordinator).send(feedback).expect(200);
      expect(written.body).toMatchObject({ status: 'visited', feedback: { ...feedback, writtenAt: expect.any(String) } });
      const mine = await t.http.get('/api/referrals').set(resident.auth).expect(200);
      expect(mine.body.find((r: { id: string }) => r.id === response.body.id)).toMatchObject({ status: 'visited', feedback });
      expect((await notices(resident.auth)).map((n) => n.kind)).toEqual(expect.arrayContaining(['referralBooked', 'referralFeedback']));
      expect(await poolHeld(t, pool.id)).toEqual({ held: 1, capacity: 2, occupying: 1 });

      const audited = await t.dataSource.query(`SELECT action FROM audit_logs WHERE personId = ? AND actorRole = 'hospitalCoordinator'`, [resident.person.id]);
      expect(audited.map((a: { action: string }) => a.action)).toEqual(
        expect.arrayContaining(['referral.list', 'referral.visited', 'referral.feedback', 'referral.read']),
      );
    });

    it('declines with a reason and gives the place back once', async () => {
      const pool = await publishPool(t, coordinator, { capacity: 1 });
      const resident = await referable(t);
      const referral = await requested(t, resident, pool.id);
      const empty = await t.http.post(`/api/staff/referrals/${referral.id}/decline`).set(doctor).send({ reason: '   ' }).expect(400);
      expect(empty.body.details).toEqual([{ field: 'reason', message: '请填写未通过的原因' }]);
      const declined = await t.http.post(`/api/staff/referrals/${referral.id}/decline`).set(doctor).send({ reason: '可在社区调整用药后观察两周' }).expect(200);
      expect(declined.body).toMatchObject({ status: 'declined', declineReason: '可在社区调整用药后观察两周' });
      await t.http.post(`/api/staff/referrals/${referral.id}/decline`).set(doctor).send({ reason: '再次' }).expect(409);
      await t.http.post(`/api/referrals/${referral.id}/cancel`).set(resident.auth).expect(409);
      expect(await poolHeld(t, pool.id)).toEqual({ held: 0, capacity: 1, occupying: 0 });
      expect((await notices(resident.auth)).map((n) => n.kind)).toContain('referralDeclined');
      await requested(t, resident, pool.id);
    });

    it('cancels a request or a booking before the day, returning the place once', async () => {
      const pool = await publishPool(t, coordinator, { capacity: 2 });
      const [a, b] = [await referable(t), await referable(t)];
      const ra = await requested(t, a, pool.id);
      const rb = await requested(t, b, pool.id);
      await t.http.post(`/api/staff/referrals/${rb.id}/approve`).set(doctor).expect(200);
      expect((await t.http.post(`/api/referrals/${ra.id}/cancel`).set(a.auth).expect(200)).body.status).toBe('cancelled');
      expect((await t.http.post(`/api/referrals/${rb.id}/cancel`).set(b.auth).expect(200)).body.status).toBe('cancelled');
      const again = await t.http.post(`/api/referrals/${rb.id}/cancel`).set(b.auth).expect(409);
      expect(again.body).toMatchObject({ code: 'REFERRAL.INVALID_TRANSITION', message: '这次转诊已取消，不能再改为已取消' });
      expect(await poolHeld(t, pool.id)).toEqual({ held: 0, capacity: 2, occupying: 0 });
      expect((await notices(b.auth)).map((n) => n.kind)).toEqual(expect.arrayContaining(['referralBooked', 'referralCancelled']));
    });

    it('lets the family doctor book directly for a resident of the team (booked at once), and no one outside it', async () => {
      const pool = await publishPool(t, coordinator, { capacity: 2 });
      const resident = await referable(t);
      const booked = await t.http
        .post('/api/staff/referrals')
        .set(doctor)
        .send({ contractId: resident.contractId, slotId: pool.id, reason: '糖尿病视网膜病变筛查' })
        .expect(201);
      expect(booked.body).toMatchObject({ status: 'booked', requestedBy: 'doctor', holdExpiresAt: null });
      expect((await notices(resident.auth)).find((n) => n.refId === booked.body.id)).toMatchObject({ kind: 'referralBooked' });
      const otherDoctor = await staffLogin(t, 'clinic2.doctor1');
      await t.http.post('/api/staff/referrals').set(otherDoctor).send({ contractId: resident.contractId, slotId: pool.id, reason: '越权' }).expect(404);
      await t.http.post(`/api/staff/referrals/${booked.body.id}/approve`).set(otherDoctor).expect(404);
      await t.http.get(`/api/staff/referrals/${booked.body.id}`).set(otherDoctor).expect(404);
      await t.http
        .post(`/api/staff/referrals/${booked.body.id}/visit`)
        .set(await otherHospitalCoordinator(t))
        .expect(404);
      const stranger = await referable(t);
      await t.http.post(`/api/referrals/${booked.body.id}/cancel`).set(stranger.auth).expect(404);
      expect((await t.http.get('/api/referrals').set(stranger.auth).expect(200)).body).toEqual([]);
      expect(await poolHeld(t, pool.id)).toEqual({ held: 1, capacity: 2, occupying: 1 });
    });

    it('records a no-show by hand on the day and by the job after the grace period', async () => {
      const pool = await publishPool(t, coordinator, { capacity: 3 });
      const [a, b] = [await referable(t), await referable(t)];
      const [ra, rb] = [await requested(t, a, pool.id), await requested(t, b, pool.id)];
      for (const r of [ra, rb]) await t.http.post(`/api/staff/referrals/${r.id}/approve`).set(doctor).expect(200);
      await moveReferralDate(t, ra.id, today());
      expect((await t.http.post(`/api/staff/referrals/${ra.id}/no-show`).set(coordinator).expect(200)).body.status).toBe('noShow');
      await moveReferralDate(t, rb.id, addDays(today(), -4)); // the grace period (3 days by default) has passed
      const jobs = t.app.get(ReferralJobs);
      expect(await jobs.markNoShows(addDays(today(), -1))).toBe(0);
      expect(await jobs.markNoShows()).toBeGreaterThanOrEqual(1);
      const [row] = await t.dataSource.query('SELECT status, openKey FROM referrals WHERE id = ?', [rb.id]);
      expect(row).toEqual({ status: 'noShow', openKey: null });
      expect(await poolHeld(t, pool.id)).toEqual({ held: 2, capacity: 3, occupying: 2 });
    });

    it('expires a hold not approved in time: the place returns, approval is refused, the resident is told', async () => {
      const pool = await publishPool(t, coordinator, { capacity: 1 });
      const resident = await referable(t);
      const referral = await requested(t, resident, pool.id);
      await t.dataSource.query('UPDATE referrals SET holdExpiresAt = ? WHERE id = ?', [new Date(Date.now() - 60_000), referral.id]);
      const late = await t.http.post(`/api/staff/referrals/${referral.id}/approve`).set(doctor).expect(409);
      expect(late.body).toMatchObject({ code: 'REFERRAL.HOLD_EXPIRED', message: '这次转诊申请已超过审核时限，号源已释放' });
      const jobs = t.app.get(ReferralJobs);
      expect(await jobs.expireHolds()).toBeGreaterThanOrEqual(1);
      expect(await jobs.expireHolds()).toBe(0);
      expect((await t.http.get(`/api/staff/referrals/${referral.id}`).set(doctor).expect(200)).body.status).toBe('expired');
      expect(await poolHeld(t, pool.id)).toEqual({ held: 0, capacity: 1, occupying: 0 });
      expect((await notices(resident.auth)).find((n) => n.refId === referral.id)).toMatchObject({ kind: 'referralExpired' });
      await requested(t, await referable(t), pool.id);
    });
  });

  describe('refusals', () => {
    it('refuses a resident without an active contract', async () => {
      const pool = await publishPool(t, coordinator);
      const { resident, contract } = await residentWithPendingContract(t);
      const response = await t.http.post('/api/referrals').set(resident.auth).send({ contractId: contract.id, slotId: pool.id, reason: '胸闷' }).expect(409);
      expect(response.body).toMatchObject({
        code: 'REFERRAL.NO_ACTIVE_CONTRACT',
        message: '只有已生效签约的居民才能预约转诊',
        details: [{ field: 'contractId' }],
      });
    });

    it('refuses a past slot', async () => {
      const pool = await publishPool(t, coordinator);
      await t.dataSource.query('UPDATE referral_slot_pools SET date = ? WHERE id = ?', [addDays(today(), -1), pool.id]);
      const response = await requestReferral(t, await referable(t), pool.id).expect(409);
      expect(response.body).toMatchObject({ code: 'REFERRAL.SLOT_PAST', details: [{ field: 'slotId' }] });
      expect(await poolHeld(t, pool.id)).toMatchObject({ held: 0 });
    });

    it('refuses a full pool with a Chinese message', async () => {
      const pool = await publishPool(t, coordinator, { capacity: 1 });
      await requested(t, await referable(t), pool.id);
      const response = await requestReferral(t, await referable(t), pool.id).expect(409);
      expect(response.body).toMatchObject({ code: 'REFERRAL.SLOT_FULL', message: '这个时段的转诊号已约满，请选择其他日期或时段' });
    });

    it('refuses a second open referral in one department (another pool), allows another department, and again after the first ends', async () => {
      const first = await publishPool(t, coordinator, { department: '儿科' });
      const sameDepartment = await publishPool(t, coordinator, { department: '儿科' });
      const otherDepartment = await publishPool(t, coordinator, { department: '妇产科' });
      const resident = await referable(t);
      const referral = await requested(t, resident, first.id);
      const second = await requestReferral(t, resident, sameDepartment.id).expect(409);
      expect(second.body).toMatchObject({ code: 'REFERRAL.ALREADY_OPEN', message: '在这家医院的这个科室已有一次转诊正在进行，不能重复预约' });
      expect(await poolHeld(t, sameDepartment.id)).toMatchObject({ held: 0, occupying: 0 });
      await requested(t, resident, otherDepartment.id);
      await t.http.post(`/api/referrals/${referral.id}/cancel`).set(resident.auth).expect(200);
      await requested(t, resident, sameDepartment.id);
    });

    it('refuses another account’s contract and an unknown slot with 404', async () => {
      const pool = await publishPool(t, coordinator);
      const [owner, stranger] = [await referable(t), await referable(t)];
      await t.http.post('/api/referrals').set(stranger.auth).send({ contractId: owner.contractId, slotId: pool.id, reason: '头晕' }).expect(404);
      await t.http.post('/api/referrals').set(owner.auth).send({ contractId: owner.contractId, slotId: 'no-such-slot', reason: '头晕' }).expect(404);
    });
  });

  describe('down-referral', () => {
    it('reaches the team, stays on its list until acknowledged, once per referral', async () => {
      const pool = await publishPool(t, coordinator);
      const resident = await referable(t);
      const referral = await requested(t, resident, pool.id);
      const body = { referralId: referral.id, summary: '冠心病稳定型心绞痛，住院5天，症状缓解出院', plan: '阿司匹林、他汀长期服用；每月社区随访血压血脂' };
      const early = await t.http.post('/api/staff/down-referrals').set(coordinator).send(body).expect(409);
      expect(early.body.code).toBe('REFERRAL.NOT_VISITED');
      await t.http.post(`/api/staff/referrals/${referral.id}/approve`).set(doctor).expect(200);
      await moveReferralDate(t, referral.id, today());
      await t.http.post(`/api/staff/referrals/${referral.id}/visit`).set(coordinator).expect(200);
      const sent = await t.http.post('/api/staff/down-referrals').set(coordinator).send(body).expect(201);
      expect(sent.body).toMatchObject({ ...body, acknowledgedAt: null, personName: '测试居民', hospitalName: '示范县人民医院' });
      await t.http.post('/api/staff/down-referrals').set(coordinator).send(body).expect(409);
      const pending = await t.http.get('/api/staff/down-referrals').query({ pending: 'true' }).set(doctor).expect(200);
      expect(pending.body.map((d: { id: string }) => d.id)).toContain(sent.body.id);
      await t.http
        .post(`/api/staff/down-referrals/${sent.body.id}/acknowledge`)
        .set(await staffLogin(t, 'clinic2.doctor1'))
        .expect(404);
      const acknowledged = await t.http.post(`/api/staff/down-referrals/${sent.body.id}/acknowledge`).set(doctor).expect(200);
      expect(acknowledged.body.acknowledgedAt).toEqual(expect.any(String));
      const twice = await t.http.post(`/api/staff/down-referrals/${sent.body.id}/acknowledge`).set(doctor).expect(409);
      expect(twice.body.code).toBe('REFERRAL.DOWN_ALREADY_ACKNOWLEDGED');
      const after = await t.http.get('/api/staff/down-referrals').query({ pending: 'true' }).set(doctor).expect(200);
      expect(after.body.map((d: { id: string }) => d.id)).not.toContain(sent.body.id);
      expect((await notices(resident.auth)).find((n) => n.kind === 'downReferral')).toMatchObject({ refId: referral.id });
    });
  });

  describe('bad input: 400 with the field, nothing stored', () => {
    const count = async (table: string) => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

    it('on every new endpoint', async () => {
      const pool = await publishPool(t, coordinator);
      const resident = await referable(t);
      const referral = await requested(t, resident, pool.id);
      const before = { pools: await count('referral_slot_pools'), referrals: await count('referrals'), downs: await count('down_referrals') };
      const cases: [string, () => ReturnType<typeof t.http.get>, string][] = [
        ['slots date', () => t.http.get('/api/referral-slots').query({ from: '2026-13-01' }).set(resident.auth), 'from'],
        [
          'slots range',
          () =>
            t.http
              .get('/api/referral-slots')
              .query({ from: today(), to: addDays(today(), -1) })
              .set(resident.auth),
          'to',
        ],
        [
          'request reason',
          () => t.http.post('/api/referrals').set(resident.auth).send({ contractId: resident.contractId, slotId: pool.id, reason: '' }),
          'reason',
        ],
        [
          'request long reason',
          () =>
            t.http
              .post('/api/referrals')
              .set(resident.auth)
              .send({ contractId: resident.contractId, slotId: pool.id, reason: '很'.repeat(201) }),
          'reason',
        ],
        ['request slot', () => t.http.post('/api/referrals').set(resident.auth).send({ contractId: resident.contractId, reason: '头晕' }), 'slotId'],
        [
          'request unknown field',
          () => t.http.post('/api/referrals').set(resident.auth).send({ contractId: resident.contractId, slotId: pool.id, reason: '头晕', status: 'booked' }),
          'status',
        ],
        [
          'publish period',
          () =>
            t.http
              .post('/api/staff/referral-slots')
              .set(coordinator)
              .send({ ...freshSlot(), period: 'evening', capacity: 2 }),
          'period',
        ],
        [
          'publish capacity',
          () =>
            t.http
              .post('/api/staff/referral-slots')
              .set(coordinator)
              .send({ ...freshSlot(), capacity: 0 }),
          'capacity',
        ],
        [
          'publish past date',
          () =>
            t.http
              .post('/api/staff/referral-slots')
              .set(coordinator)
              .send({ ...freshSlot(), date: addDays(today(), -1), capacity: 2 }),
          'date',
        ],
        [
          'publish far date',
          () =>
            t.http
              .post('/api/staff/referral-slots')
              .set(coordinator)
              .send({ ...freshSlot(), date: addDays(today(), 61), capacity: 2 }),
          'date',
        ],
        [
          'batch weekdays',
          () =>
            t.http
              .post('/api/staff/referral-slots/batch')
              .set(coordinator)
              .send({ department: '眼科', from: addDays(today(), 45), to: addDays(today(), 50), weekdays: [7], periods: ['am'], capacity: 2 }),
          'weekdays',
        ],
        [
          'batch range',
          () =>
            t.http
              .post('/api/staff/referral-slots/batch')
              .set(coordinator)
              .send({ department: '眼科', from: addDays(today(), 50), to: addDays(today(), 45), weekdays: [1], periods: ['am'], capacity: 2 }),
          'to',
        ],
        [
          'batch periods',
          () =>
            t.http
              .post('/api/staff/referral-slots/batch')
              .set(coordinator)
              .send({ department: '眼科', from: addDays(today(), 45), to: addDays(today(), 50), weekdays: [1], periods: [], capacity: 2 }),
          'periods',
        ],
        ['update capacity', () => t.http.put(`/api/staff/referral-slots/${pool.id}`).set(coordinator).send({ capacity: 'many' }), 'capacity'],
        ['update closed', () => t.http.put(`/api/staff/referral-slots/${pool.id}`).set(coordinator).send({ closed: 'yes' }), 'closed'],
        ['staff list status', () => t.http.get('/api/staff/referrals').query({ status: 'lost' }).set(doctor), 'status'],
        ['staff book reason', () => t.http.post('/api/staff/referrals').set(doctor).send({ contractId: resident.contractId, slotId: pool.id }), 'reason'],
        ['decline reason', () => t.http.post(`/api/staff/referrals/${referral.id}/decline`).set(doctor).send({}), 'reason'],
        [
          'feedback advice',
          () => t.http.post(`/api/staff/referrals/${referral.id}/feedback`).set(coordinator).send({ findings: '正常', nextStep: '随访' }),
          'advice',
        ],
        ['down plan', () => t.http.post('/api/staff/down-referrals').set(coordinator).send({ referralId: referral.id, summary: '小结' }), 'plan'],
        ['down list pending', () => t.http.get('/api/staff/down-referrals').query({ pending: 'maybe' }).set(doctor), 'pending'],
      ];
      for (const [name, send, field] of cases) {
        const response = await send();
        expect([name, response.status]).toEqual([name, 400]);
        expect([name, response.body.details.map((d: { field: string }) => d.field)]).toEqual([name, expect.arrayContaining([field])]);
        expect(response.body.details.every((d: { field: string; message: string }) => /[\u4e00-\u9fa5]/.test(d.message) || d.field === 'status')).toBe(true);
      }
      expect({ pools: await count('referral_slot_pools'), referrals: await count('referrals'), downs: await count('down_referrals') }).toEqual(before);
      expect(await poolHeld(t, pool.id)).toEqual({ held: 1, capacity: 3, occupying: 1 });
    });
  });
});
