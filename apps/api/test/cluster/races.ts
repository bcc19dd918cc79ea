import { addDays, todayInChina } from '@jiayi/domain';
import { runWithLease } from '../../src/coordination/job-lease';
import { ContractExpiryJob } from '../../src/contracts/contract-expiry.job';
import { SurveyRollupJob } from '../../src/surveys/survey-rollup.job';
import { SurveyRollupService } from '../../src/surveys/survey-rollup.service';
import { SurveyWavesService } from '../../src/surveys/survey-waves.service';
import { demoTeam, heldPlaces, inBatches, leavePlaces, moveEndDate, residentWithActiveContract, signBody } from '../support/contract-factories';
import { residentWithProfile } from '../support/factories';
import { createWave, staffTokens, standardAnswers, surveyResident } from '../support/survey-factories';
import type { ClusterApps } from './cluster-app';
import { outboxDispatch } from './outbox-races';
import { pushReleaseOnBothNodes, withdrawDuringRelease } from './push-races';
import { referralSlots, referralSweep } from './referral-races';
import { pushReachOnFacts } from './push-reach-races';
import { tallySnapshots } from './tally-races';

/**
 * A race that must hold on a multi-primary cluster: two API instances writing through two
 * different Galera nodes at once. Each race sets up its own rows on the shared database and
 * asserts with `expect`. Add a race by exporting one from a file of your feature and listing it
 * in `races` below (one line).
 */
export interface Race {
  name: string;
  run(cluster: ClusterApps): Promise<void>;
}

type Reply = { status: number; body: { code?: string } };
const outcome = (r: Reply) => (r.status === 409 ? `409 ${r.body.code}` : String(r.status));
const tally = (replies: Reply[]) => replies.map(outcome).reduce<Record<string, number>>((all, o) => ({ ...all, [o]: (all[o] ?? 0) + 1 }), {});

/**
 * Each doctor's heldPlaces minus the contracts holding one of its places. A race must leave it
 * unchanged (setups that fill a doctor up by hand shift it on purpose, so races compare before and after).
 */
async function placeDrift(c: ClusterApps): Promise<Record<string, number>> {
  const rows: { id: string; heldPlaces: number; counted: number }[] = await c.t.dataSource.query(
    'SELECT d.id, d.heldPlaces, (SELECT COUNT(*) FROM contracts c WHERE c.doctorId = d.id AND c.holdsPlace = 1) AS counted FROM doctors d',
  );
  return Object.fromEntries(rows.map((r) => [r.id, Number(r.heldPlaces) - Number(r.counted)]));
}

export const signingCapacity: Race = {
  name: 'signing capacity: 40 residents race for 3 places, half through each node',
  async run(c) {
    const team = await demoTeam(c.t);
    const doctorId = team.doctor('赵中和');
    await leavePlaces(c.t, doctorId, 3);
    const drift = await placeDrift(c);
    const residents = await inBatches(40, 10, () => residentWithProfile(c.t));
    const bodies = await Promise.all(residents.map((r) => signBody(c.t, r, { doctorId })));
    const replies = await Promise.all(residents.map((r, i) => c.servers[i % 2].post('/api/contracts').set(r.auth).send(bodies[i])));
    expect(tally(replies)).toEqual({ 201: 3, '409 CONTRACT.CAPACITY_FULL': 37 });
    expect(await heldPlaces(c.t, doctorId)).toBe(2000);
    expect(await placeDrift(c)).toEqual(drift);
  },
};

export const oneContractPerPerson: Race = {
  name: 'one contract per person: each of 8 residents signs 4 times at once through both nodes',
  async run(c) {
    const team2 = await demoTeam(c.t, '城关镇第二家庭医生团队');
    const drift = await placeDrift(c);
    const residents = await inBatches(8, 8, () => residentWithProfile(c.t, { community: '南街社区' }));
    const bodies = await Promise.all(residents.map((r) => signBody(c.t, r, { teamId: team2.id })));
    const replies = await Promise.all(
      residents.flatMap((r, i) => [0, 1, 2, 3].map((k) => c.servers[k % 2].post('/api/contracts').set(r.auth).send(bodies[i]))),
    );
    expect(tally(replies)).toEqual({ 201: 8, '409 CONTRACT.ALREADY_SIGNED': 24 });
    const [row] = await c.t.dataSource.query(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT personId) AS people FROM contracts WHERE personId IN (${residents.map(() => '?').join(',')})`,
      residents.map((r) => r.person.id),
    );
    expect([Number(row.n), Number(row.people)]).toEqual([8, 8]);
    expect(await placeDrift(c)).toEqual(drift);
  },
};

export const oneAnswerPerWave: Race = {
  name: 'one survey answer per wave: 20 residents each answer twice at once, once through each node',
  async run(c) {
    const staff = await staffTokens(c.t);
    const { id: waveId } = await createWave(c.t, staff.clinic1);
    const residents = await inBatches(20, 10, () => surveyResident(c.t));
    const replies = await Promise.all(
      residents.flatMap((r) => c.servers.map((http) => http.post(`/api/survey-waves/${waveId}/responses`).set(r.auth).send({ answers: standardAnswers() }))),
    );
    expect(tally(replies)).toEqual({ 201: 20, '409 SURVEY.ALREADY_ANSWERED': 20 });
    const [row] = await c.t.dataSource.query('SELECT COUNT(*) AS n, COUNT(DISTINCT personId) AS people FROM survey_responses WHERE waveId = ?', [waveId]);
    expect([Number(row.n), Number(row.people)]).toEqual([20, 20]);
  },
};

export const rollUp: Race = {
  name: 'survey roll-up: reports and roll-up jobs on both nodes at once count every response exactly once',
  async run(c) {
    const staff = await staffTokens(c.t);
    const { id: waveId } = await createWave(c.t, staff.clinic1);
    const residents = await inBatches(30, 10, () => surveyResident(c.t));
    await Promise.all(
      residents.map((r, i) => c.servers[i % 2].post(`/api/survey-waves/${waveId}/responses`).set(r.auth).send({ answers: standardAnswers() }).expect(201)),
    );
    const jobs = [c.t.app.get(SurveyRollupJob), c.second.get(SurveyRollupJob)];
    const [reports] = await Promise.all([
      Promise.all([0, 1, 0, 1].map((i) => c.servers[i].get(`/api/staff/survey-waves/${waveId}/report`).set(staff.clinic1))),
      jobs[0].rollUpAll(),
      jobs[1].rollUpAll(),
    ]);
    for (const report of reports) expect([report.status, report.body.respondents]).toEqual([200, 30]);
    const [one] = await c.t.dataSource.query('SELECT responseId FROM survey_answers WHERE waveId = ? LIMIT 1', [waveId]);
    const [perResponse] = await c.t.dataSource.query('SELECT COUNT(*) AS n FROM survey_answers WHERE responseId = ?', [one.responseId]);
    const [all] = await c.t.dataSource.query('SELECT COUNT(*) AS n FROM survey_answers WHERE waveId = ?', [waveId]);
    expect(Number(all.n)).toBe(30 * Number(perResponse.n));
    const [uncounted] = await c.t.dataSource.query('SELECT COUNT(*) AS n FROM survey_responses WHERE waveId = ? AND rolledUp = 0', [waveId]);
    expect(Number(uncounted.n)).toBe(0);
    const final = await c.servers[1].get(`/api/staff/survey-waves/${waveId}/report`).set(staff.clinic1).expect(200);
    const q1 = final.body.questions.find((q: { questionId: string }) => q.questionId === 'q1');
    expect(q1.validRespondents).toBe(30);
    expect(q1.options.reduce((sum: number, o: { count: number }) => sum + o.count, 0)).toBe(30);

    // Three more rounds, six roll-ups of one wave at once, three per node: a row lock holds on its own
    // node only, so only the conditional flag keeps two nodes from counting the same responses.
    const rollups = [c.t.app.get(SurveyRollupService), c.second.get(SurveyRollupService)];
    const { questionnaire } = (await c.t.app.get(SurveyWavesService).load(waveId))!;
    const more = await inBatches(30, 10, () => surveyResident(c.t));
    for (let round = 0; round < 3; round++) {
      await Promise.all(
        more
          .slice(round * 10, round * 10 + 10)
          .map((r, i) => c.servers[i % 2].post(`/api/survey-waves/${waveId}/responses`).set(r.auth).send({ answers: standardAnswers() }).expect(201)),
      );
      const counted = await Promise.all([0, 1, 0, 1, 0, 1].map((i) => rollups[i].rollUp(waveId, questionnaire)));
      expect(counted.reduce((a, b) => a + b, 0)).toBe(10);
    }
    const [after] = await c.t.dataSource.query('SELECT COUNT(*) AS n FROM survey_answers WHERE waveId = ?', [waveId]);
    expect(Number(after.n)).toBe(60 * Number(perResponse.n));
    const last = await c.servers[0].get(`/api/staff/survey-waves/${waveId}/report`).set(staff.clinic1).expect(200);
    expect(last.body.respondents).toBe(60);
  },
};

export const expiryJobs: Race = {
  name: 'contract expiry: the scheduled job runs on one instance (lease); direct runs on both nodes expire each contract once',
  async run(c) {
    const team = await demoTeam(c.t, '城关镇第二家庭医生团队');
    const doctorId = team.doctor('吴春生');
    const today = todayInChina(new Date());
    const drift = await placeDrift(c);
    const active = await inBatches(6, 3, () => residentWithActiveContract(c.t, { teamId: team.id, doctorId }, { community: '南街社区' }));
    for (const { contract } of active) await moveEndDate(c.t, contract.id, addDays(today, -1));
    const before = await heldPlaces(c.t, doctorId);
    const jobs = [c.t.app.get(ContractExpiryJob), c.second.get(ContractExpiryJob)];
    // The lease row may be held since boot; free it so the race below is about taking it.
    await c.t.dataSource.query(`DELETE FROM job_leases WHERE name = 'contract-expiry'`);
    await Promise.all([jobs[0].scheduled(), jobs[1].scheduled()]);
    const leases = await c.t.dataSource.query(`SELECT holder FROM job_leases WHERE name = 'contract-expiry'`);
    expect(leases).toHaveLength(1);
    const counts = await Promise.all([jobs[0].expireDue(), jobs[1].expireDue(), jobs[1].expireDue()]);
    expect(counts).toEqual([0, 0, 0]);
    const statuses = await c.t.dataSource.query(
      `SELECT status, COUNT(*) AS n FROM contracts WHERE id IN (${active.map(() => '?').join(',')}) GROUP BY status`,
      active.map((a) => a.contract.id),
    );
    expect(statuses.map((s: { status: string; n: string }) => [s.status, Number(s.n)])).toEqual([['expired', 6]]);
    expect(await heldPlaces(c.t, doctorId)).toBe(before - 6);
    expect(await placeDrift(c)).toEqual(drift);

    const more = await inBatches(6, 3, () => residentWithActiveContract(c.t, { teamId: team.id, doctorId }, { community: '南街社区' }));
    for (const { contract } of more) await moveEndDate(c.t, contract.id, addDays(today, -1));
    const raced = await Promise.all([jobs[0].expireDue(), jobs[1].expireDue(), jobs[0].expireDue(), jobs[1].expireDue()]);
    expect(raced.reduce((a, b) => a + b, 0)).toBe(6);
    expect(await placeDrift(c)).toEqual(drift);
  },
};

export const jobLeases: Race = {
  name: 'job leases: 10 callers on each node race for one lease, exactly one runs',
  async run(c) {
    let runs = 0;
    const outcomes = await Promise.all(
      c.dataSources.flatMap((dataSource) => Array.from({ length: 10 }, () => runWithLease(dataSource, 'cluster-race', 60_000, async () => ++runs))),
    );
    expect(runs).toBe(1);
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
  },
};

/** Every race the cluster run checks; other features add theirs here, one line each. */
export const races: Race[] = [
  signingCapacity,
  oneContractPerPerson,
  oneAnswerPerWave,
  rollUp,
  expiryJobs,
  jobLeases,
  referralSlots,
  referralSweep,
  outboxDispatch,
  pushReleaseOnBothNodes,
  withdrawDuringRelease,
  tallySnapshots,
  pushReachOnFacts,
];
