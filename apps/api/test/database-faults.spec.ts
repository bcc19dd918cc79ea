import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { inBatches, Resident, signBody } from './support/contract-factories';
import { residentWithProfile } from './support/factories';
import { OwnMariadb, startOwnMariadb } from './support/own-mariadb';
import { createWave, staffTokens, standardAnswers, surveyResident } from './support/survey-factories';
import { createTestApp, TestApp } from './support/test-app';

/** One resident's pending write: a signing or a survey answer, retried (same Idempotency-Key) until the API acknowledges it. */
interface Write {
  kind: 'sign' | 'answer';
  resident: Resident;
  body: object;
  idempotencyKey: string;
  /** `sentAt`: when the client sent it; `at`: when the answer arrived (the client shares the API's event loop). */
  attempts: { status: number; code?: string; sentAt: number; at: number }[];
  /** 'acked': a 2xx; 'committedEarlier': a retry was refused because an earlier, failed-looking attempt had committed. */
  outcome?: 'acked' | 'committedEarlier';
}

const WORKERS = 6;
const ACKS_PER_PHASE = 25;
const OUTAGE_MS = 3000;
/**
 * How long a phase may take to gather its acknowledgements. Generous on purpose: on a machine loaded by
 * other test suites a signing can take seconds; waiting longer proves nothing less (the timed claims are
 * the outage's 503s and the recovery within 10 s, measured separately).
 */
const PHASE_TIMEOUT_MS = 90_000;

describe('database faults: MariaDB killed and restarted under a steady write load', () => {
  let db: OwnMariadb;
  let t: TestApp;
  let waveId: string;
  const sharedServer = process.env.TEST_DATABASE_URL;

  beforeAll(async () => {
    db = await startOwnMariadb();
    process.env.TEST_DATABASE_URL = db.serverUrl;
    t = await createTestApp('mariadb');
    const staff = await staffTokens(t);
    waveId = (await createWave(t, staff.clinic1)).id;
  }, 180_000);
  afterAll(async () => {
    process.env.TEST_DATABASE_URL = sharedServer;
    await db?.start().catch(() => undefined);
    await t?.close();
    await db?.destroy();
  });

  it('answers 503 in Chinese while the database is away, recovers within 10 s of its return, and loses no acknowledged write', async () => {
    const signers = await inBatches(80, 8, () => residentWithProfile(t));
    const answerers = await inBatches(80, 8, () => surveyResident(t));
    const queue: Write[] = [];
    for (let i = 0; i < 80; i++) {
      queue.push({ kind: 'sign', resident: signers[i], body: await signBody(t, signers[i]), idempotencyKey: randomUUID(), attempts: [] });
      queue.push({ kind: 'answer', resident: answerers[i], body: { answers: standardAnswers() }, idempotencyKey: randomUUID(), attempts: [] });
    }
    const done: Write[] = [];
    const unexpected: unknown[] = [];
    let running = true;

    const attempt = async (write: Write) => {
      const path = write.kind === 'sign' ? '/api/contracts' : `/api/survey-waves/${waveId}/responses`;
      const sentAt = Date.now();
      const response = await t.http.post(path).set(write.resident.auth).set('Idempotency-Key', write.idempotencyKey).send(write.body);
      write.attempts.push({ status: response.status, code: response.body?.code, sentAt, at: Date.now() });
      const alreadyDone = response.body?.code === (write.kind === 'sign' ? 'CONTRACT.ALREADY_SIGNED' : 'SURVEY.ALREADY_ANSWERED');
      if (response.status >= 200 && response.status < 300) write.outcome = 'acked';
      else if (response.status === 409 && alreadyDone && write.attempts.length > 1) write.outcome = 'committedEarlier';
      else if (response.status !== 503 || !/稍后再试/.test(response.body?.message ?? '')) unexpected.push([write.kind, response.status, response.body]);
      if (write.outcome) done.push(write);
      else queue.push(write);
    };
    const worker = async () => {
      while (running) {
        const write = queue.shift();
        if (!write) return;
        await attempt(write);
        await sleep(10);
      }
    };
    const until = async (condition: () => boolean, timeoutMs: number, what: string) => {
      const deadline = Date.now() + timeoutMs;
      while (!condition()) {
        if (Date.now() > deadline) {
          const statuses = [...done, ...queue]
            .flatMap((w) => w.attempts)
            .reduce<Record<number, number>>((all, a) => ({ ...all, [a.status]: (all[a.status] ?? 0) + 1 }), {});
          throw new Error(
            `timed out waiting for ${what}: ${done.length} writes done, attempts by status ${JSON.stringify(statuses)}, unexpected ${JSON.stringify(unexpected)}`,
          );
        }
        await sleep(20);
      }
    };

    const workers = Array.from({ length: WORKERS }, worker);
    await until(() => done.length >= ACKS_PER_PHASE, PHASE_TIMEOUT_MS, `${ACKS_PER_PHASE} acknowledged writes before the crash`);

    await db.kill();
    const killedAt = Date.now();
    await sleep(OUTAGE_MS);
    const duringOutage = await t.http.get('/api/health');

    const restarting = Date.now();
    await db.start();
    const back = Date.now();
    // Health is asked again and again from the server's return. The API has recovered at the moment a
    // health check was sent that is answered 200: the time it was sent counts, not the time its answer
    // arrived, as that answer may reach this client (which shares the API's event loop with the six
    // writers) seconds late on a loaded machine.
    const checks: { sentAt: number; at: number; status: number }[] = [];
    while (Date.now() - back < 20_000 && !checks.some((c) => c.status === 200)) {
      const sentAt = Date.now();
      const { status } = await t.http.get('/api/health');
      checks.push({ sentAt, at: Date.now(), status });
      if (status !== 200) await sleep(100);
    }
    const healthy = checks.find((c) => c.status === 200);
    const recoveredAt = healthy?.sentAt ?? 0;
    const doneAtReturn = done.length;
    await until(() => done.length >= doneAtReturn + ACKS_PER_PHASE, PHASE_TIMEOUT_MS, `${ACKS_PER_PHASE} acknowledged writes after the return`);
    running = false;
    await Promise.all(workers);
    // A client retries (same Idempotency-Key) what failed: a request in flight at the crash may have
    // committed without its answer reaching the client, and its retry must say so, not sign twice.
    // …after the pause the API asked for (Retry-After), as a client does: a connection the pool still
    // held from before the crash fails once more before it is dropped.
    for (let round = 0; round < 8 && queue.some((w) => w.attempts.length > 0); round++) {
      await sleep(round === 0 ? 0 : 1000);
      const unresolved = queue.splice(0).filter((w) => w.attempts.length > 0);
      for (const write of unresolved) await attempt(write);
    }
    expect(queue.filter((w) => w.attempts.length > 0)).toEqual([]);

    expect(unexpected).toEqual([]);
    expect(duringOutage.status).toBe(503);
    expect(duringOutage.body).toMatchObject({ status: 'error', message: '数据库暂时无法连接', database: { status: 'down' } });
    // A request sent while the server was dead cannot have been acknowledged (one sent just before the
    // kill may have committed, its answer arriving late on a loaded machine: that one is checked below).
    const ackedWhileAway = done.filter((w) => w.attempts.some((a) => a.sentAt > killedAt + 100 && a.at < restarting && a.status < 300));
    expect(ackedWhileAway).toEqual([]);
    const refusedWhileAway = [...done, ...queue].flatMap((w) => w.attempts).filter((a) => a.status === 503);
    expect(refusedWhileAway.length).toBeGreaterThan(0);
    // Until it recovered, health said 503 (never another answer); recovered within 10 s of the return.
    // (The checks, as [sent, answered, status] in ms from the return, show in a failure's diff.)
    const timeline = checks.map((c) => [c.sentAt - back, c.at - back, c.status]);
    const acked = done.filter((w) => w.outcome === 'acked').length;
    console.info(
      `database faults: healthy ${recoveredAt - back} ms after the return (answer after ${(healthy?.at ?? 0) - back} ms); ` +
        `${refusedWhileAway.length} answers 503; ${acked} acknowledged, ${done.length - acked} committed before a lost answer`,
    );
    expect(checks.every((c) => c.status === 200 || c.status === 503)).toBe(true);
    expect({ recovered: recoveredAt > 0 && recoveredAt - back <= 10_000, timeline }).toEqual({ recovered: true, timeline });
    // Writes acknowledged after the return: the API is back for writes too, not only for the health check.
    expect(done.filter((w) => w.attempts.some((a) => a.at > back && a.status < 300)).length).toBeGreaterThan(0);

    // Every acknowledged (or earlier-committed) write is in the database, whole; nothing else is.
    const contracts: { personId: string; doctorId: string; holdsPlace: number }[] = await t.dataSource.query(
      'SELECT personId, doctorId, holdsPlace FROM contracts',
    );
    const responses: { personId: string }[] = await t.dataSource.query('SELECT personId FROM survey_responses WHERE waveId = ?', [waveId]);
    const signedIds = done
      .filter((w) => w.kind === 'sign')
      .map((w) => w.resident.person.id)
      .sort();
    const answeredIds = done
      .filter((w) => w.kind === 'answer')
      .map((w) => w.resident.person.id)
      .sort();
    const signerIds = new Set(signers.map((s) => s.person.id));
    expect(
      contracts
        .map((c) => c.personId)
        .filter((id) => signerIds.has(id))
        .sort(),
    ).toEqual(signedIds);
    expect(responses.map((r) => r.personId).sort()).toEqual(answeredIds);
    const doctors: { id: string; heldPlaces: number }[] = await t.dataSource.query('SELECT id, heldPlaces FROM doctors');
    const places = doctors.map((d) => [d.id, Number(d.heldPlaces)]);
    const counted = doctors.map((d) => [d.id, contracts.filter((c) => c.doctorId === d.id && Number(c.holdsPlace) === 1).length]);
    expect(places).toEqual(counted);
  }, 400_000);
});
