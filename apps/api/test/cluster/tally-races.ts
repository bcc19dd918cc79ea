import { countingDay, makeIdNumber, previousPeriod, todayInChina } from '@jiayi/domain';
import { DataSource } from 'typeorm';
import { ContractTally, contractTalliesByTeam, CountWindow, emptyTally } from '../../src/indicators/contract-measures';
import { snapshotTallies, TallyTeam } from '../../src/indicators/team-tallies';
import { demoTeam, inBatches, residentWithActiveContract } from '../support/contract-factories';
import { staffLogin } from '../support/factories';
import type { Race } from './races';

/**
 * The dashboard's tally snapshots (indicators/team-tallies.ts) on two nodes: service records of
 * the same people through both nodes, half of them changing team through the other node at the
 * same time (the person's buckets move while their records are written), and dashboard requests
 * on both instances throughout. The version rows are written by racing transactions; afterwards
 * the snapshots read through either node equal a fresh count.
 */
export const tallySnapshots: Race = {
  name: 'tally snapshots: service records, team changes and dashboard requests through both nodes leave no stale snapshot',
  async run(c) {
    const today = todayInChina(new Date());
    const period = { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` };
    const w: CountWindow = { period, day: countingDay(period, today), today, previous: previousPeriod(period) };
    const [admin, doctor, regionAdmin] = await Promise.all(['clinic1.admin', 'clinic1.doctor1', 'region.admin'].map((u) => staffLogin(c.t, u)));
    const teams: TallyTeam[] = await c.t.dataSource.query(
      'SELECT t.id AS id, t.institutionId AS institutionId FROM teams t JOIN institutions i ON i.id = t.institutionId WHERE i.regionId = ? ORDER BY t.id',
      [c.t.demo.regionId],
    );
    const team2 = await demoTeam(c.t, '城关镇第二家庭医生团队');
    // Own birth dates and ID numbers (the shared factory's sequence runs out late in a long run).
    const patients = await inBatches(6, 3, (i) =>
      residentWithActiveContract(
        c.t,
        {},
        {
          birthDate: `194${i}-0${i + 1}-2${i}`,
          idNumber: makeIdNumber(`194${i}-0${i + 1}-2${i}`, 'female', 7),
          declaredTags: ['hypertension'],
          community: '西关村',
        },
      ),
    );
    const byTeam = (tallies: Map<string, ContractTally>) => Object.fromEntries(teams.map((t) => [t.id, tallies.get(t.id) ?? emptyTally()]));
    /** The snapshots equal a fresh count from the roll-ups, which equals a count from the records. */
    const check = async (dataSource: DataSource) => {
      const kept = byTeam(await snapshotTallies(dataSource, teams, w));
      const fresh = byTeam(await contractTalliesByTeam(dataSource, { regionId: c.t.demo.regionId }, w));
      expect(kept).toEqual(fresh);
      expect(fresh).toEqual(byTeam(await contractTalliesByTeam(dataSource, { regionId: c.t.demo.regionId }, w, { rollUp: false })));
    };
    await check(c.dataSources[0]);

    const work: Promise<{ status: number } | unknown>[] = [];
    patients.forEach((p, i) => {
      // Four follow-ups of one day, all on target: which is "latest" among records written in the
      // same second is not defined (createdAt has no fraction), and not what this race is about.
      for (let k = 0; k < 4; k++) {
        work.push(
          c.servers[(i + k) % 2]
            .post('/api/staff/services')
            .set(doctor)
            .send({ contractId: p.contract.id, type: 'followUp', date: today, channel: 'clinic', measurements: { systolic: 120 + k * 5, diastolic: 80 } }),
        );
      }
      if (i % 2 === 0) {
        work.push(
          (async () => {
            const change = await c.servers[(i + 1) % 2]
              .post(`/api/contracts/${p.contract.id}/change-team`)
              .set(p.resident.auth)
              .send({ teamId: team2.id, doctorId: team2.doctor('吴春生') });
            expect(change.status).toBe(201);
            return c.servers[i % 2]
              .post(`/api/staff/contracts/${change.body.id}/confirm`)
              .set(admin)
              .send({ confirmedTags: ['hypertension'] });
          })(),
        );
      }
      work.push(c.servers[i % 2].get('/api/staff/indicators').set(regionAdmin));
      work.push(snapshotTallies(c.dataSources[i % 2], teams, w));
    });
    const settled = await Promise.all(work);
    const statuses = settled.filter((r): r is { status: number } => r !== null && typeof r === 'object' && 'status' in r).map((r) => r.status);
    // A record racing its contract's change of team may find the contract already terminated (409); nothing else fails.
    expect(statuses.filter((s) => s !== 200 && s !== 201 && s !== 409)).toEqual([]);
    expect(statuses.filter((s) => s === 200 || s === 201).length).toBeGreaterThan(patients.length * 3);
    await check(c.dataSources[0]);
    await check(c.dataSources[1]);
    const [{ marks }] = await c.t.dataSource.query(
      `SELECT COUNT(*) AS marks FROM indicator_person_marks WHERE personId IN (${patients.map(() => '?').join(', ')})`,
      patients.map((p) => p.contract.personId),
    );
    expect(Number(marks)).toBe(patients.length);
  },
};
