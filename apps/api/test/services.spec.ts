import { addDays, todayInChina } from '@jiayi/domain';
import { demoTeam, leavePlaces, signBody } from './support/contract-factories';
import { idNumberFor, residentLogin, residentWithProfile, staffLogin } from './support/factories';
import { backdate, member, onsiteBody, signaturePng } from './support/service-factories';
import { createTestApp, TestApp } from './support/test-app';
import { refreshPlacementsOfContracts } from '../src/people/placements';

type Headers = Record<string, string>;
const today = () => todayInChina(new Date());

describe('service delivery: on-site signing, service records, to-do (MariaDB)', () => {
  let t: TestApp;
  let doctor1: Headers;
  let doctor2: Headers;
  let admin1: Headers;
  beforeAll(async () => {
    t = await createTestApp('mariadb');
    [doctor1, doctor2, admin1] = await Promise.all(['clinic1.doctor1', 'clinic2.doctor1', 'clinic1.admin'].map((u) => staffLogin(t, u)));
  });
  afterAll(async () => t?.close());

  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(sql, params))[0].n);
  const teamPlacesAgree = async () => {
    const teams: { id: string; heldPlaces: number }[] = await t.dataSource.query('SELECT id, heldPlaces FROM teams');
    const held: { teamId: string; n: string }[] = await t.dataSource.query('SELECT teamId, COUNT(*) AS n FROM contracts WHERE holdsPlace = 1 GROUP BY teamId');
    return teams.every((team) => Number(team.heldPlaces) === Number(held.find((h) => h.teamId === team.id)?.n ?? 0));
  };
  /** A household of one signed on site; returns the contract and the person. */
  const signedOnSite = async (overrides: Parameters<typeof member>[0] = {}, body: Record<string, unknown> = {}) => {
    const response = await t.http
      .post('/api/staff/onsite-signings')
      .set(doctor1)
      .send(await onsiteBody(t, doctor1, [member(overrides)], body));
    if (response.status !== 201) throw new Error(`onsite failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.contracts[0] as { id: string; personId: string; doctorId: string };
  };

  describe('on-site signing', () => {
    it('registers and signs a 3-person household at once: active, signed by the doctor, on site, the signature encrypted', async () => {
      const team = await demoTeam(t);
      const before = (await t.dataSource.query('SELECT heldPlaces FROM teams WHERE id = ?', [team.id]))[0].heldPlaces;
      const head = member({ name: '李老汉', birthDate: '1955-03-03', phone: '13700001111', declaredTags: ['hypertension'] });
      const household = [
        head,
        member({ name: '王大娘', birthDate: '1957-06-06', relation: 'spouse' }),
        member({ name: '李小宝', birthDate: addDays(today(), -5 * 365), relation: 'other', guardianConsent: true }),
      ];
      const body = await onsiteBody(t, doctor1, household, { packageCodes: ['basicPublicHealth', 'basicMedical'], years: 2 });
      const response = await t.http.post('/api/staff/onsite-signings').set(doctor1).send(body).expect(201);
      expect(response.body.contracts).toHaveLength(3);
      expect(response.body.contracts.map((c: { personName: string }) => c.personName)).toEqual(['李老汉', '王大娘', '李小宝']);
      for (const c of response.body.contracts) expect(c).toMatchObject({ status: 'active', signedBy: 'doctor', channel: 'onsite', teamId: team.id });
      expect(JSON.stringify(response.body)).not.toContain(head.idNumber);

      const rows = await t.dataSource.query('SELECT c.*, p.accountId FROM contracts c JOIN persons p ON p.id = c.personId WHERE c.householdSigningId = ?', [
        response.body.householdSigningId,
      ]);
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        expect(row.accountId).toBeNull();
        expect(row.signatureCipher).toMatch(/^v1:/);
        expect(row.signatureCipher).not.toContain('iVBOR');
        expect(row.doctorConfirmedAt).not.toBeNull();
      }
      expect(Number((await t.dataSource.query('SELECT heldPlaces FROM teams WHERE id = ?', [team.id]))[0].heldPlaces)).toBe(Number(before) + 3);
      expect(await teamPlacesAgree()).toBe(true);

      const signature = await t.http.get(`/api/staff/contracts/${rows[0].id}/signature`).set(doctor1).expect(200);
      expect(signature.body.image).toBe(body.signature);
      await t.http.get(`/api/staff/contracts/${rows[0].id}/signature`).set(doctor2).expect(404);

      // ending a contract gives the team's place back with the doctor's
      const grandchild = response.body.contracts[2];
      await t.http.post(`/api/staff/contracts/${grandchild.id}/terminate`).set(doctor1).send({ reason: 'movedAway' }).expect(200);
      expect(Number((await t.dataSource.query('SELECT heldPlaces FROM teams WHERE id = ?', [team.id]))[0].heldPlaces)).toBe(Number(before) + 2);
      expect(await teamPlacesAgree()).toBe(true);
    });

    it('is refused at capacity exactly like online signing, also when both race for the last places', async () => {
      const team = await demoTeam(t);
      const doctorId = team.doctor('赵中和');
      await leavePlaces(t, doctorId, 3);
      const residents = await Promise.all(Array.from({ length: 8 }, () => residentWithProfile(t)));
      const onlineBodies = await Promise.all(residents.map((r) => signBody(t, r, { doctorId })));
      const onsiteBodies = await Promise.all(Array.from({ length: 8 }, () => onsiteBody(t, doctor1, [member({ phone: '13600000000' })], { doctorId })));
      const responses = await Promise.all([
        ...residents.map((r, i) => t.http.post('/api/contracts').set(r.auth).send(onlineBodies[i])),
        ...onsiteBodies.map((b) => t.http.post('/api/staff/onsite-signings').set(doctor1).send(b)),
      ]);
      const created = responses.filter((r) => r.status === 201);
      const full = responses.filter((r) => r.status === 409 && r.body.code === 'CONTRACT.CAPACITY_FULL');
      expect(created).toHaveLength(3);
      expect(full).toHaveLength(13);
      const onlineFull = responses.slice(0, 8).find((r) => r.status === 409)!;
      const onsiteFull = responses.slice(8).find((r) => r.status === 409)!;
      expect(onsiteFull.body).toEqual(onlineFull.body);
      expect(Number((await t.dataSource.query('SELECT heldPlaces FROM doctors WHERE id = ?', [doctorId]))[0].heldPlaces)).toBe(2000);
      expect(await teamPlacesAgree()).toBe(true);
      // nothing of a refused on-site household stays behind
      const refusedIds = onsiteBodies.filter((_, i) => responses[8 + i].status === 409).map((b) => b.members[0].idNumber);
      expect(refusedIds.length).toBeGreaterThan(0);
      await leavePlaces(t, doctorId, 1000);
    });

    it('holds a region cap per team under races', async () => {
      const team = await demoTeam(t);
      const [{ heldPlaces }] = await t.dataSource.query('SELECT heldPlaces FROM teams WHERE id = ?', [team.id]);
      const [region] = await t.dataSource.query('SELECT id, policy FROM regions LIMIT 1');
      const policy = JSON.parse(region.policy);
      await t.dataSource.query('UPDATE regions SET policy = ? WHERE id = ?', [JSON.stringify({ ...policy, teamCapacity: Number(heldPlaces) + 2 }), region.id]);
      try {
        const bodies = await Promise.all(Array.from({ length: 10 }, () => onsiteBody(t, doctor1, [member({ phone: '13600000001' })])));
        const responses = await Promise.all(bodies.map((b) => t.http.post('/api/staff/onsite-signings').set(doctor1).send(b)));
        expect(responses.filter((r) => r.status === 201)).toHaveLength(2);
        const refused = responses.filter((r) => r.status === 409);
        expect(refused).toHaveLength(8);
        expect(refused[0].body).toMatchObject({ code: 'CONTRACT.TEAM_CAPACITY_FULL', details: [{ field: 'teamId' }] });
        expect(Number((await t.dataSource.query('SELECT heldPlaces FROM teams WHERE id = ?', [team.id]))[0].heldPlaces)).toBe(Number(heldPlaces) + 2);
      } finally {
        await t.dataSource.query('UPDATE regions SET policy = ? WHERE id = ?', [region.policy, region.id]);
      }
    });

    it('a resident who later logs in with WeChat and gives the same ID number and phone claims the person and household; nothing is duplicated', async () => {
      const head = member({ name: '赵大爷', birthDate: '1950-02-02', phone: '13711112222' });
      const spouse = member({ name: '钱大妈', birthDate: '1952-02-02', relation: 'spouse' });
      const signed = await t.http
        .post('/api/staff/onsite-signings')
        .set(doctor1)
        .send(await onsiteBody(t, doctor1, [head, spouse]))
        .expect(201);
      const headPersonId = signed.body.contracts[0].personId;

      const stranger = await residentLogin(t);
      const profile = (phone: string) => ({
        name: '赵大爷',
        idNumber: head.idNumber,
        phone,
        declaredTags: [],
        privacyPolicyVersion: '2026-11',
        sensitiveConsent: true,
      });
      const communityId = (await t.dataSource.query('SELECT communityId FROM persons WHERE id = ?', [headPersonId]))[0].communityId;
      const wrongPhone = await t.http
        .put('/api/me/profile')
        .set(stranger.auth)
        .send({ ...profile('13799999999'), communityId })
        .expect(409);
      expect(wrongPhone.body.code).toBe('PERSON.ALREADY_REGISTERED');

      const resident = await residentLogin(t);
      const claimed = await t.http
        .put('/api/me/profile')
        .set(resident.auth)
        .send({ ...profile('13711112222'), communityId })
        .expect(200);
      expect(claimed.body.id).toBe(headPersonId);
      expect(await count('SELECT COUNT(*) AS n FROM persons WHERE idNumberHash = (SELECT idNumberHash FROM persons WHERE id = ?)', [headPersonId])).toBe(1);
      const contracts = await t.http.get('/api/contracts').set(resident.auth).expect(200);
      expect(contracts.body.map((c: { id: string }) => c.id).sort()).toEqual(signed.body.contracts.map((c: { id: string }) => c.id).sort());
      const family = await t.http.get('/api/me/family-members').set(resident.auth).expect(200);
      expect(family.body.map((p: { name: string }) => p.name)).toEqual(['钱大妈']);
      const signature = await t.http.get(`/api/contracts/${signed.body.contracts[0].id}/signature`).set(resident.auth).expect(200);
      expect(signature.body.image).toMatch(/^data:image\/png;base64,/);
      await t.http.get(`/api/contracts/${signed.body.contracts[0].id}/signature`).set(stranger.auth).expect(404);
    });

    it('refuses a person who manages their own record in the mini-program, and a household listing one ID number twice', async () => {
      const resident = await residentWithProfile(t);
      const own = await t.http
        .post('/api/staff/onsite-signings')
        .set(doctor1)
        .send(await onsiteBody(t, doctor1, [member({ idNumber: resident.idNumber, phone: '13800138000' })]))
        .expect(409);
      expect(own.body).toMatchObject({ code: 'ONSITE.PERSON_HAS_ACCOUNT', details: [{ field: 'members[0].idNumber' }] });
      const twice = member({ phone: '13600000002' });
      const duplicate = await t.http
        .post('/api/staff/onsite-signings')
        .set(doctor1)
        .send(await onsiteBody(t, doctor1, [twice, { ...twice, relation: 'spouse' }]))
        .expect(400);
      expect(duplicate.body.details).toEqual([{ field: 'members[1].idNumber', message: '同一个身份证号登记了两次' }]);
    });
  });

  describe('service records', () => {
    it('records a follow-up against the plan with readings encrypted at rest; a correction is a new version; the resident confirms', async () => {
      const head = member({ name: '孙大爷', birthDate: '1954-04-04', phone: '13722223333', declaredTags: ['hypertension'] });
      const signed = await t.http
        .post('/api/staff/onsite-signings')
        .set(doctor1)
        .send(await onsiteBody(t, doctor1, [head]))
        .expect(201);
      const contract = signed.body.contracts[0];
      const record = await t.http.get(`/api/staff/residents/${contract.personId}/record`).set(doctor1).expect(200);
      const firstFollowUp = record.body.plans[0].items.find((i: { id: string }) => i.id === `${contract.id}:chronic:1`);
      expect(firstFollowUp).toMatchObject({ type: 'followUp', state: 'due', title: '高血压/糖尿病随访' });

      const created = await t.http
        .post('/api/staff/services')
        .set(doctor1)
        .send({
          contractId: contract.id,
          type: 'followUp',
          date: today(),
          channel: 'home',
          planItemId: firstFollowUp.id,
          measurements: { systolic: 152, diastolic: 96, weightKg: 66.5 },
          note: '头晕，嘱按时服药',
        })
        .expect(201);
      expect(created.body).toMatchObject({ version: 1, current: true, onTarget: false, measurementsText: '血压 152/96 mmHg，体重 66.5 kg', confirmedAt: null });
      expect(created.body.recordedBy.name).not.toBe('');
      const [raw] = await t.dataSource.query('SELECT * FROM service_records WHERE id = ?', [created.body.id]);
      expect(raw.measurementsCipher).toMatch(/^v1:/);
      expect(raw.measurementsCipher).not.toContain('152');
      expect(raw.noteCipher).not.toContain('头晕');
      expect(Boolean(raw.onTarget)).toBe(false);
      expect(Boolean(raw.bloodPressureOnTarget)).toBe(false);
      expect(raw.glucoseOnTarget).toBeNull();

      const corrected = await t.http
        .post(`/api/staff/services/${created.body.id}/corrections`)
        .set(doctor1)
        .send({
          type: 'followUp',
          date: today(),
          channel: 'home',
          planItemId: firstFollowUp.id,
          measurements: { systolic: 132, diastolic: 86 },
          reason: '血压录入错误',
        })
        .expect(201);
      expect(corrected.body).toMatchObject({ version: 2, current: true, correctsId: created.body.id, correctionReason: '血压录入错误', onTarget: true });
      const again = await t.http
        .post(`/api/staff/services/${created.body.id}/corrections`)
        .set(doctor1)
        .send({
          type: 'followUp',
          date: today(),
          channel: 'home',
          reason: '再改一次',
        })
        .expect(409);
      expect(again.body.code).toBe('SERVICE.NOT_CURRENT');
      const history = await t.http.get(`/api/staff/services?personId=${contract.personId}`).set(doctor1).expect(200);
      expect(history.body.map((s: { version: number; current: boolean }) => [s.version, s.current])).toEqual([
        [2, true],
        [1, false],
      ]);
      expect(await count('SELECT COUNT(*) AS n FROM service_records WHERE personId = ?', [contract.personId])).toBe(2);

      const resident = await residentLogin(t);
      await t.http
        .put('/api/me/profile')
        .set(resident.auth)
        .send({
          name: '孙大爷',
          idNumber: head.idNumber,
          phone: '13722223333',
          communityId: (await onsiteBody(t, doctor1, [])).communityId,
          declaredTags: ['hypertension'],
          privacyPolicyVersion: '2026-11',
          sensitiveConsent: true,
        })
        .expect(200);
      const mine = await t.http.get('/api/services').set(resident.auth).expect(200);
      const me = mine.body.people[0];
      expect(me.services.map((s: { id: string }) => s.id)).toEqual([corrected.body.id]);
      expect(me.services[0].measurements).toEqual({ systolic: 132, diastolic: 86 });
      expect(me.plans[0].items.find((i: { id: string }) => i.id === firstFollowUp.id)).toMatchObject({ state: 'done', serviceId: corrected.body.id });
      expect(me.plans[0].summary).toMatchObject({ done: 1, overdue: 0 });
      await t.http.post(`/api/services/${created.body.id}/confirm`).set(resident.auth).expect(409);
      const confirmed = await t.http.post(`/api/services/${corrected.body.id}/confirm`).set(resident.auth).expect(200);
      expect(confirmed.body).toMatchObject({ confirmedVia: 'tap' });
      expect((await t.http.post(`/api/services/${corrected.body.id}/confirm`).set(resident.auth).expect(409)).body.code).toBe('SERVICE.ALREADY_CONFIRMED');
      const other = await residentLogin(t);
      await t.http.post(`/api/services/${corrected.body.id}/confirm`).set(other.auth).expect(404);
      // recorded before the resident had an account: nobody to tell; recorded after the claim: a notice
      const later = await t.http
        .post('/api/staff/services')
        .set(doctor1)
        .send({ contractId: contract.id, type: 'consultation', date: today(), channel: 'phone' })
        .expect(201);
      const notices = await t.http.get('/api/notices').set(resident.auth).expect(200);
      expect(notices.body.filter((n: { kind: string }) => n.kind === 'serviceRecorded').map((n: { refId: string }) => n.refId)).toEqual([later.body.id]);
      expect(JSON.stringify(notices.body)).not.toContain('132');
    });

    it('a signature captured on site confirms the service at once', async () => {
      const contract = await signedOnSite({ phone: '13600000003' });
      const created = await t.http
        .post('/api/staff/services')
        .set(doctor1)
        .send({
          contractId: contract.id,
          type: 'homeVisit',
          date: today(),
          channel: 'home',
          residentSignature: signaturePng(3),
        })
        .expect(201);
      expect(created.body.confirmedVia).toBe('signature');
      expect(created.body.confirmedAt).not.toBeNull();
    });

    it("answers 404 for another team's resident, contract or record", async () => {
      const contract = await signedOnSite({ phone: '13600000004' });
      await t.http.get(`/api/staff/residents/${contract.personId}/record`).set(doctor2).expect(404);
      await t.http.get(`/api/staff/services?personId=${contract.personId}`).set(doctor2).expect(404);
      await t.http.post('/api/staff/services').set(doctor2).send({ contractId: contract.id, type: 'followUp', date: today(), channel: 'home' }).expect(404);
      const created = await t.http
        .post('/api/staff/services')
        .set(doctor1)
        .send({ contractId: contract.id, type: 'consultation', date: today(), channel: 'phone' })
        .expect(201);
      await t.http
        .post(`/api/staff/services/${created.body.id}/corrections`)
        .set(doctor2)
        .send({ type: 'consultation', date: today(), channel: 'phone', reason: 'x' })
        .expect(404);
      await t.http.get(`/api/staff/residents/${contract.personId}/record`).set(admin1).expect(200);
      expect(await count("SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'resident.record.read' AND personId = ?", [contract.personId])).toBe(1);
    });

    it('never writes readings or the note into the logs', async () => {
      const contract = await signedOnSite({ phone: '13600000005' });
      const written: string[] = [];
      const original = process.stdout.write.bind(process.stdout);
      const originalErr = process.stderr.write.bind(process.stderr);
      process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        written.push(String(chunk));
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof process.stdout.write;
      process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        written.push(String(chunk));
        return (originalErr as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof process.stderr.write;
      const { Logger } = await import('@nestjs/common');
      const { JsonLogger } = await import('../src/common/json-logger');
      Logger.overrideLogger(new JsonLogger(['log', 'error', 'warn']));
      try {
        const created = await t.http
          .post('/api/staff/services')
          .set(doctor1)
          .send({
            contractId: contract.id,
            type: 'followUp',
            date: today(),
            channel: 'clinic',
            measurements: { systolic: 187, diastolic: 123, fastingGlucose: 11.7 },
            note: '胸闷气短日志探针',
          })
          .expect(201);
        await t.http.get(`/api/staff/services?personId=${contract.personId}`).set(doctor1).expect(200);
        await t.http
          .post('/api/staff/services')
          .set(doctor1)
          .send({ contractId: contract.id, type: 'followUp', date: today(), channel: 'clinic', measurements: { systolic: 1877, diastolic: 123 } })
          .expect(400);
        expect(created.body.onTarget).toBe(false);
      } finally {
        process.stdout.write = original;
        process.stderr.write = originalErr;
        Logger.overrideLogger(new JsonLogger(['error']));
      }
      const log = written.join('');
      expect(log).toContain('POST /api/staff/services');
      for (const secret of ['187', '123', '11.7', '1877', '胸闷气短日志探针', 'systolic']) expect(log).not.toContain(secret);
    });
  });

  describe('the to-do list', () => {
    it("lists a team's overdue and this-week services, contracts ending and lapsed, unconfirmed services and rejected contracts", async () => {
      const overdue = await signedOnSite({ name: '周逾期', phone: '13600000006', declaredTags: ['hypertension'], birthDate: '1960-01-01' });
      // a year's contract that started 200 days ago: two quarterly follow-ups passed without one, the third is open
      await backdate(t, overdue.id, 200, 164);
      const dueSoon = await signedOnSite({ name: '钱本周', phone: '13600000014', declaredTags: ['diabetes2'], birthDate: '1962-01-01' });
      // started 86 days ago: the first quarter's follow-up window closes in 4 days
      await backdate(t, dueSoon.id, 86, 278);
      const ending = await signedOnSite({ name: '褚到期', phone: '13600000015', birthDate: '1980-01-01' });
      await backdate(t, ending.id, 340, 24);
      const lapsed = await signedOnSite({ name: '吴过期', phone: '13600000007' });
      await t.dataSource.query("UPDATE contracts SET status = 'expired', openSlot = NULL, endDate = ? WHERE id = ?", [addDays(today(), -10), lapsed.id]);
      await refreshPlacementsOfContracts(t.dataSource.manager, [lapsed.id]);
      const unconfirmed = await signedOnSite({ name: '郑未确认', phone: '13600000008' });
      const service = await t.http
        .post('/api/staff/services')
        .set(doctor1)
        .send({ contractId: unconfirmed.id, type: 'consultation', date: today(), channel: 'phone' })
        .expect(201);
      const { resident: rejectedResident, contract: rejected } = await (async () => {
        const resident = await residentWithProfile(t, { name: '冯退回' });
        const pending = await t.http
          .post('/api/contracts')
          .set(resident.auth)
          .send(await signBody(t, resident))
          .expect(201);
        await t.http.post(`/api/staff/contracts/${pending.body[0].id}/reject`).set(doctor1).send({ reason: '不在服务范围' }).expect(200);
        return { resident, contract: pending.body[0] };
      })();

      const todo = await t.http.get('/api/staff/todo').set(doctor1).expect(200);
      const of = (personId: string) =>
        todo.body.items
          .filter((i: { personId: string }) => i.personId === personId)
          .map((i: { kind: string; title: string; date: string }) => [i.kind, i.title, i.date]);
      const windows = (await t.http.get(`/api/staff/residents/${overdue.personId}/record`).set(doctor1).expect(200)).body.plans[0].items.filter(
        (i: { id: string }) => i.id.includes(':chronic:'),
      );
      expect(of(overdue.personId)).toEqual([
        ['serviceOverdue', '高血压/糖尿病随访', windows[0].windowEnd],
        ['serviceOverdue', '高血压/糖尿病随访', windows[1].windowEnd],
      ]);
      expect(of(dueSoon.personId)).toEqual([['serviceDueThisWeek', '高血压/糖尿病随访', addDays(today(), 4)]]);
      expect(of(ending.personId)).toEqual([['contractEnding', '签约即将到期，请提醒续约', addDays(today(), 24)]]);
      expect(of(lapsed.personId)).toEqual([['contractLapsed', '签约已到期未续约', addDays(today(), -10)]]);
      expect(todo.body.items.find((i: { serviceId: string | null }) => i.serviceId === service.body.id)).toMatchObject({
        kind: 'serviceUnconfirmed',
        personId: unconfirmed.personId,
      });
      expect(of(rejectedResident.person.id)).toEqual([['contractRejected', '签约被退回：不在服务范围', today()]]);
      expect(todo.body.items.find((i: { contractId: string }) => i.contractId === rejected.id)).toBeDefined();
      expect(todo.body.counts.serviceOverdue).toBeGreaterThanOrEqual(2);
      expect((await t.http.get('/api/staff/todo').set(doctor2).expect(200)).body.items.some((i: { personId: string }) => i.personId === overdue.personId)).toBe(
        false,
      );
      const mine = await t.http.get('/api/staff/todo?mine=true').set(doctor1).expect(200);
      expect(mine.body.doctorId).not.toBeNull();
      expect(mine.body.items.every((i: { doctorId: string | null }) => i.doctorId === null || i.doctorId === mine.body.doctorId)).toBe(true);
    });
  });

  describe('staff lookup and the on-site quote', () => {
    it('finds a resident of the scope by name, ID suffix or phone, audited; another team finds nothing', async () => {
      const idNumber = idNumberFor('1958-08-08');
      const contract = await signedOnSite({ name: '蒋查找', idNumber, phone: '13655556666' });
      for (const q of ['蒋查找', idNumber.slice(-4), '13655556666']) {
        const found = await t.http.get('/api/staff/residents').query({ q }).set(doctor1).expect(200);
        expect(found.body.map((p: { id: string }) => p.id)).toContain(contract.personId);
        expect(JSON.stringify(found.body)).not.toContain('13655556666');
        expect((await t.http.get('/api/staff/residents').query({ q }).set(doctor2).expect(200)).body).toEqual([]);
      }
      expect(await count("SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'resident.search' AND personId = ?", [contract.personId])).toBe(3);
    });

    it('quotes each member of a household exactly as the resident would be quoted', async () => {
      const resident = await residentWithProfile(t, { birthDate: '1950-05-05', declaredTags: ['hypertension'] });
      const codes = ['basicPublicHealth', 'basicMedical', 'hypertension'];
      const residentQuote = await t.http
        .post('/api/quotes')
        .set(resident.auth)
        .send({ personId: resident.person.id, packageCodes: codes, years: 2 })
        .expect(200);
      const onsite = await t.http
        .post('/api/staff/onsite-quotes')
        .set(doctor1)
        .send({
          communityId: resident.communityId,
          members: [
            { idNumber: idNumberFor('1950-05-05'), declaredTags: ['hypertension'] },
            { idNumber: idNumberFor('1990-01-01'), declaredTags: [] },
          ],
          packageCodes: codes,
          years: 2,
        })
        .expect(200);
      expect(onsite.body.members[0].quote).toEqual(residentQuote.body);
      expect(onsite.body.members[0].offered.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['elderly', 'hypertension']));
      expect(onsite.body.members[1]).toMatchObject({ quote: null, refusal: { code: 'QUOTE.NOT_ELIGIBLE' } });
    });
  });

  describe('non-signing categories', () => {
    it('records a refusal with the notice photo, lets the team change its category, and reports per team', async () => {
      const team = await demoTeam(t);
      const created = await t.http
        .post('/api/staff/refusals')
        .set(doctor1)
        .send({
          name: '陈拒签',
          idNumber: idNumberFor('1966-06-06'),
          teamId: team.id,
          reason: '不需要',
          category: 'refused',
          noticePhoto: signaturePng(5),
        })
        .expect(201);
      expect(created.body).toMatchObject({ category: 'refused', categoryLabel: '拒签', hasNoticePhoto: true });
      const [raw] = await t.dataSource.query('SELECT noticePhotoCipher FROM signing_refusals WHERE id = ?', [created.body.id]);
      expect(raw.noticePhotoCipher).toMatch(/^v1:/);
      const moved = await t.http.put(`/api/staff/refusals/${created.body.id}`).set(doctor1).send({ category: 'movedAway', reason: '已迁往外省' }).expect(200);
      expect(moved.body).toMatchObject({ category: 'movedAway', categoryLabel: '外出/迁出', reason: '已迁往外省', hasNoticePhoto: true });
      await t.http.put(`/api/staff/refusals/${created.body.id}`).set(doctor2).send({ category: 'deceased', reason: 'x' }).expect(404);
      const report = await t.http.get('/api/staff/refusals/report').set(admin1).expect(200);
      const row = report.body.find((r: { teamId: string }) => r.teamId === team.id);
      expect(row.counts.movedAway).toBeGreaterThanOrEqual(1);
      expect(row.total).toBe(Object.values(row.counts as Record<string, number>).reduce((a, b) => a + b, 0));
    });
  });

  describe('bad input on every new endpoint: 400 with the field, nothing stored', () => {
    it.each<
      [
        string,
        (ctx: { contractId: string; serviceId: string; refusalId: string }) => Promise<{ status: number; body: { details: { field: string }[] } }>,
        string,
      ]
    >([
      [
        'onsite: a wrong ID number of the second member',
        async () =>
          t.http
            .post('/api/staff/onsite-signings')
            .set(doctor1)
            .send(await onsiteBody(t, doctor1, [member({ phone: '13600000009' }), { ...member({ relation: 'spouse' }), idNumber: '110105195603100016' }])),
        'members[1].idNumber',
      ],
      [
        'onsite: no phone for the head',
        async () =>
          t.http
            .post('/api/staff/onsite-signings')
            .set(doctor1)
            .send(await onsiteBody(t, doctor1, [member()])),
        'members[0].phone',
      ],
      [
        "onsite: a child without the guardian's consent",
        async () =>
          t.http
            .post('/api/staff/onsite-signings')
            .set(doctor1)
            .send(await onsiteBody(t, doctor1, [member({ phone: '13600000010' }), member({ relation: 'other', birthDate: addDays(today(), -400) })])),
        'members[1].guardianConsent',
      ],
      [
        'onsite: the signature is not a PNG',
        async () =>
          t.http
            .post('/api/staff/onsite-signings')
            .set(doctor1)
            .send(await onsiteBody(t, doctor1, [member({ phone: '13600000011' })], { signature: 'data:image/gif;base64,R0lGOD' })),
        'signature',
      ],
      [
        'onsite: an unknown field',
        async () =>
          t.http
            .post('/api/staff/onsite-signings')
            .set(doctor1)
            .send({ ...(await onsiteBody(t, doctor1, [member({ phone: '13600000012' })])), accountId: 'x' }),
        'accountId',
      ],
      [
        'onsite quote: a wrong ID number',
        async () =>
          t.http
            .post('/api/staff/onsite-quotes')
            .set(doctor1)
            .send({
              communityId: (await onsiteBody(t, doctor1, [])).communityId,
              members: [{ idNumber: '123', declaredTags: [] }],
              packageCodes: ['basicPublicHealth'],
              years: 1,
            }),
        'members[0].idNumber',
      ],
      [
        'signature: not an image',
        async ({ contractId }) => t.http.post(`/api/staff/contracts/${contractId}/signature`).set(doctor1).send({ signature: 'hello' }),
        'signature',
      ],
      [
        'service: systolic out of range',
        async ({ contractId }) =>
          t.http
            .post('/api/staff/services')
            .set(doctor1)
            .send({ contractId, type: 'followUp', date: today(), channel: 'home', measurements: { systolic: 1500, diastolic: 90 } }),
        'measurements.systolic',
      ],
      [
        'service: half a blood pressure',
        async ({ contractId }) =>
          t.http
            .post('/api/staff/services')
            .set(doctor1)
            .send({ contractId, type: 'followUp', date: today(), channel: 'home', measurements: { systolic: 150 } }),
        'measurements.diastolic',
      ],
      [
        'service: a date in the future',
        async ({ contractId }) =>
          t.http
            .post('/api/staff/services')
            .set(doctor1)
            .send({ contractId, type: 'followUp', date: addDays(today(), 3), channel: 'home' }),
        'date',
      ],
      [
        'service: an unknown type',
        async ({ contractId }) => t.http.post('/api/staff/services').set(doctor1).send({ contractId, type: 'visit', date: today(), channel: 'home' }),
        'type',
      ],
      [
        'service: a plan item of another contract',
        async ({ contractId }) =>
          t.http.post('/api/staff/services').set(doctor1).send({ contractId, type: 'followUp', date: today(), channel: 'home', planItemId: 'other:chronic:1' }),
        'planItemId',
      ],
      [
        'service: glucose as text',
        async ({ contractId }) =>
          t.http
            .post('/api/staff/services')
            .set(doctor1)
            .send({ contractId, type: 'followUp', date: today(), channel: 'home', measurements: { fastingGlucose: '高' } }),
        'measurements.fastingGlucose',
      ],
      [
        'correction: no reason',
        async ({ serviceId }) =>
          t.http.post(`/api/staff/services/${serviceId}/corrections`).set(doctor1).send({ type: 'followUp', date: today(), channel: 'home' }),
        'reason',
      ],
      [
        'correction: weight out of range',
        async ({ serviceId }) =>
          t.http
            .post(`/api/staff/services/${serviceId}/corrections`)
            .set(doctor1)
            .send({ type: 'followUp', date: today(), channel: 'home', reason: '改体重', measurements: { weightKg: 900 } }),
        'measurements.weightKg',
      ],
      ['services list: no person', async () => t.http.get('/api/staff/services').set(doctor1), 'personId'],
      ['todo: mine is not a boolean', async () => t.http.get('/api/staff/todo?mine=maybe').set(doctor1), 'mine'],
      [
        'non-signing: an unknown category',
        async ({ refusalId }) => t.http.put(`/api/staff/refusals/${refusalId}`).set(doctor1).send({ category: 'lost', reason: 'x' }),
        'category',
      ],
      [
        'refusal: an unknown category',
        async () =>
          t.http
            .post('/api/staff/refusals')
            .set(doctor1)
            .send({ name: '某人', idNumber: idNumberFor('1970-01-01'), teamId: (await demoTeam(t)).id, reason: 'x', category: 'lost' }),
        'category',
      ],
    ])('%s', async (_, send, field) => {
      const contract = await signedOnSite({ phone: '13600000013' });
      const service = await t.http
        .post('/api/staff/services')
        .set(doctor1)
        .send({ contractId: contract.id, type: 'followUp', date: today(), channel: 'home' })
        .expect(201);
      const team = await demoTeam(t);
      const refusal = await t.http
        .post('/api/staff/refusals')
        .set(doctor1)
        .send({ name: '某人', idNumber: idNumberFor('1971-01-01'), teamId: team.id, reason: '不需要' })
        .expect(201);
      const counts = async () =>
        Promise.all(['persons', 'contracts', 'service_records', 'signing_refusals'].map((table) => count(`SELECT COUNT(*) AS n FROM ${table}`)));
      const signatureBefore = (await t.dataSource.query('SELECT signatureCipher FROM contracts WHERE id = ?', [contract.id]))[0].signatureCipher;
      const refusalBefore = (await t.dataSource.query('SELECT category, reason FROM signing_refusals WHERE id = ?', [refusal.body.id]))[0];
      const before = await counts();
      const response = await send({ contractId: contract.id, serviceId: service.body.id, refusalId: refusal.body.id });
      expect(response.status).toBe(400);
      expect(response.body.details.map((d) => d.field)).toContain(field);
      expect(response.body.details.every((d: { field: string; message?: string }) => /[\u4e00-\u9fa5]/.test(d.message ?? ''))).toBe(true);
      expect(await counts()).toEqual(before);
      expect((await t.dataSource.query('SELECT signatureCipher FROM contracts WHERE id = ?', [contract.id]))[0].signatureCipher).toBe(signatureBefore);
      expect((await t.dataSource.query('SELECT category, reason FROM signing_refusals WHERE id = ?', [refusal.body.id]))[0]).toEqual(refusalBefore);
    });
  });
});
