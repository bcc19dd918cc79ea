import { DataSource } from 'typeorm';
import { BOOKED_REFERRAL_STATUSES, dayAfter, emptyReferralTally, POPULATION_GROUPS, PoolTally, pushQuarter, ReferralTally } from '@jiayi/domain';
import { areaOf, type AreaFilter, type CountWindow } from './contract-measures';

/**
 * The quarter of the counting day as UTC moments [from, to) in the text both dialects compare a
 * DATETIME with (TypeORM keeps SQLite's as UTC text, MariaDB's connection runs in UTC).
 */
export function pushQuarterBounds(w: CountWindow): [string, string] {
  const quarter = pushQuarter(w.day);
  const utc = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString().replace('T', ' ').replace('Z', '');
  return [utc(quarter.from), utc(dayAfter(quarter))];
}

const booked = BOOKED_REFERRAL_STATUSES.map((s) => `'${s}'`).join(', ');
export const ANY_GROUP = POPULATION_GROUPS.reduce((m, g) => m | g.bit, 0);

/**
 * The referral counts per team (the team of the contract when referred) of the referrals whose
 * outpatient day is in the period up to the counting day (see activity-indicators.ts).
 */
export async function referralTalliesByTeam(dataSource: DataSource, filter: AreaFilter, w: CountWindow): Promise<Map<string, ReferralTally>> {
  const area = areaOf('r', filter);
  const rows: Record<string, string | number>[] = await dataSource.query(
    `SELECT r.teamId AS teamId, COUNT(*) AS requested,
            SUM(CASE WHEN r.status IN (${booked}) THEN 1 ELSE 0 END) AS booked,
            SUM(CASE WHEN r.status = 'visited' THEN 1 ELSE 0 END) AS visited,
            SUM(CASE WHEN r.status = 'noShow' THEN 1 ELSE 0 END) AS noShow,
            SUM(CASE WHEN r.status = 'visited' AND r.feedbackAt IS NOT NULL THEN 1 ELSE 0 END) AS feedback
       FROM referrals r WHERE ${area.sql} AND r.date >= ? AND r.date <= ? GROUP BY r.teamId`,
    [...area.params, w.period.from, w.day],
  );
  const result = new Map<string, ReferralTally>();
  for (const row of rows) {
    const tally = emptyReferralTally();
    for (const key of Object.keys(tally) as (keyof ReferralTally)[]) tally[key] = Number(row[key] ?? 0);
    result.set(String(row.teamId), tally);
  }
  return result;
}

/** 号源使用率 of a region: booked places / capacity of its hospitals' pools of the days in the period up to the counting day. */
export async function regionPoolUse(dataSource: DataSource, regionId: string, w: CountWindow): Promise<PoolTally> {
  const [capacity] = await dataSource.query(
    `SELECT COALESCE(SUM(s.capacity), 0) AS capacity FROM referral_slot_pools s JOIN hospitals h ON h.id = s.hospitalId
      WHERE h.regionId = ? AND s.date >= ? AND s.date <= ?`,
    [regionId, w.period.from, w.day],
  );
  const [used] = await dataSource.query(
    `SELECT COUNT(*) AS booked FROM referrals r JOIN hospitals h ON h.id = r.hospitalId
      WHERE h.regionId = ? AND r.date >= ? AND r.date <= ? AND r.status IN (${booked})`,
    [regionId, w.period.from, w.day],
  );
  return { booked: Number(used.booked), capacity: Number(capacity.capacity) };
}
