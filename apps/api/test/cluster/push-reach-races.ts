import { randomUUID } from 'node:crypto';
import { countingDay, makeIdNumber, previousPeriod, todayInChina } from '@jiayi/domain';
import { DataSource } from 'typeorm';
import { CONTRACT_MEASURES, ContractTally, contractTalliesByTeam, CountWindow, emptyTally, measureOverWindows } from '../../src/indicators/contract-measures';
import { rollUpPushes } from '../../src/indicators/push-rollup';
import { snapshotTallies, TallyTeam } from '../../src/indicators/team-tallies';
import { inBatches, sign } from '../support/contract-factories';
import { residentWithProfile, staffLogin } from '../support/factories';
import type { Race } from './races';

/**
 * 推送覆盖率's reach kept on the facts (ContractFact.pushYear, indicators/push-rollup.ts) on two nodes:
 * a push to each of six patients is rolled up through one node while the doctor confirms the
 * patient's contract — writing their first fact — through the other, with dashboard counts on both.
 * Each new fact must carry the reach of a roll-up that committed first, or the roll-up must mark it;
 * on Galera the two meet only on the person's conflict row, so one of them is retried. Afterwards the
 * reach the snapshots and a fresh count read from the facts equals the count from the pushes themselves.
 */
export const pushReachOnFacts: Race = {
  name: 'push reach on the facts: roll-ups on one node while the same patients get their first fact on the other give the pushes’ own count',
  async run(c) {
    const today = todayInChina(new Date());
    const period = { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` };
    const w: CountWindow = { period, day: countingDay(period, today), today, previous: previousPeriod(period) };
    const admin = await staffLogin(c.t, 'clinic1.admin');
    const teams: TallyTeam[] = await c.t.dataSource.query(
      'SELECT t.id AS id, t.institutionId AS institutionId FROM teams t JOIN institutions i ON i.id = t.institutionId WHERE i.regionId = ? ORDER BY t.id',
      [c.t.demo.regionId],
    );
    const patients = await inBatches(6, 3, async (i) => {
      const birthDate = `195${i}-1${i % 3}-1${i}`;
      const resident = await residentWithProfile(c.t, {
        birthDate,
        idNumber: makeIdNumber(birthDate, 'male', 8),
        declaredTags: ['hypertension'],
        community: '西关村',
      });
      const signed = await sign(c.t, resident);
      expect(signed.status).toBe(201);
      return { personId: resident.person.id as string, contractId: signed.body[0].id as string };
    });
    const byTeam = (tallies: Map<string, ContractTally>) => Object.fromEntries(teams.map((t) => [t.id, tallies.get(t.id) ?? emptyTally()]));
    const check = async (dataSource: DataSource) => {
      const kept = byTeam(await snapshotTallies(dataSource, teams, w));
      expect(kept).toEqual(byTeam(await contractTalliesByTeam(dataSource, { regionId: c.t.demo.regionId }, w)));
      const [fromPushes] = await measureOverWindows(dataSource, { regionId: c.t.demo.regionId }, CONTRACT_MEASURES.pushCoverage, [w]);
      expect(Object.values(kept).reduce((sum, tally) => sum + tally.pushReached, 0)).toBe(fromPushes.numerator);
    };
    await check(c.dataSources[0]);

    const now = new Date();
    for (const p of patients) {
      const id = randomUUID();
      await c.t.dataSource.query(
        `INSERT INTO pushes (id, regionId, institutionId, teamId, authorStaffId, authorName, title, summary, body, category, audience, status, publishAt, targeted, createdAt)
         VALUES (?, ?, ?, NULL, 'staff', '医生', '标题', '摘要', '<p>正文</p>', 'chronicDisease', '{}', 'published', ?, 1, ?)`,
        [id, c.t.demo.regionId, c.t.demo.institutions.clinic1.id, now, now],
      );
      await c.t.dataSource.query('INSERT INTO push_targets (pushId, personId, accountId, teamId, readAt) VALUES (?, ?, ?, NULL, NULL)', [
        id,
        p.personId,
        'account',
      ]);
    }
    const work: Promise<unknown>[] = [];
    patients.forEach((p, i) => {
      work.push(
        c.servers[i % 2]
          .post(`/api/staff/contracts/${p.contractId}/confirm`)
          .set(admin)
          .send({ confirmedTags: ['hypertension'] }),
      );
      work.push(rollUpPushes(c.dataSources[(i + 1) % 2]));
      work.push(snapshotTallies(c.dataSources[i % 2], teams, w));
    });
    const settled = await Promise.all(work);
    const statuses = settled.filter((r): r is { status: number } => r !== null && typeof r === 'object' && 'status' in r).map((r) => r.status);
    expect(statuses).toEqual(patients.map(() => 200));
    await check(c.dataSources[0]);
    await check(c.dataSources[1]);
    const facts: { pushYear: number | string }[] = await c.t.dataSource.query(
      `SELECT pushYear FROM contract_facts WHERE personId IN (${patients.map(() => '?').join(', ')})`,
      patients.map((p) => p.personId),
    );
    expect(facts.map((f) => Number(f.pushYear))).toEqual(patients.map(() => Number(today.slice(0, 4))));
  },
};
