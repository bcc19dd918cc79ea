import { DataSource } from 'typeorm';
import { BOOKED_REFERRAL_STATUSES, REFERRAL_STATUS_LABELS, ReferralStatus } from '@jiayi/domain';
import { areaOf, type AreaFilter, type CountWindow } from './contract-measures';
import { dayText } from '../database/columns';

/** The referral indicators whose counts are referrals of residents, so a team can list them. */
export const REFERRAL_PEOPLE_INDICATORS = ['referralBooking', 'referralAttendance', 'referralFeedback'] as const;
export type ReferralPeopleCode = (typeof REFERRAL_PEOPLE_INDICATORS)[number];
export const isReferralPeopleIndicator = (code: string): code is ReferralPeopleCode => (REFERRAL_PEOPLE_INDICATORS as readonly string[]).includes(code);

/**
 * 号源使用率 counts the places of the hospitals' slot pools, not residents: it has no list of
 * people, and the API says so (409) instead of answering an empty list.
 */
export const POOL_USE_NO_PEOPLE = '号源使用率统计的是各医院号源池的号源（已预约号数 ÷ 号源总数），不是居民，没有人员名单；可在转诊号源管理中查看各医院的号源';

const booked = BOOKED_REFERRAL_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * One row per referral (a resident referred twice is listed twice), of the referrals whose
 * outpatient day falls in the period up to the counting day — the rows activity-measures.ts counts:
 * numerator and gap partition the denominator.
 */
export const REFERRAL_PEOPLE: Record<ReferralPeopleCode, { denominator: string; numerator: string; numeratorLabel: string; gapLabel: string }> = {
  referralBooking: {
    denominator: '1 = 1',
    numerator: `r.status IN (${booked})`,
    numeratorLabel: '已预约成功的转诊',
    gapLabel: '未预约成功的转诊（待审核、未通过、已取消或已过期）',
  },
  referralAttendance: {
    denominator: "r.status IN ('visited', 'noShow')",
    numerator: "r.status = 'visited'",
    numeratorLabel: '已到院就诊的转诊',
    gapLabel: '预约后未到院就诊（爽约）的转诊',
  },
  referralFeedback: {
    denominator: "r.status = 'visited'",
    numerator: 'r.feedbackAt IS NOT NULL',
    numeratorLabel: '医院已反馈的就诊转诊',
    gapLabel: '医院尚未反馈的就诊转诊',
  },
};

/** The referrals behind one referral rate within the area, paged, newest outpatient day first. */
export async function referralPeopleRows(
  dataSource: DataSource,
  filter: AreaFilter,
  code: ReferralPeopleCode,
  part: 'numerator' | 'gap',
  w: CountWindow,
  limit: number,
  offset: number,
) {
  const area = areaOf('r', filter);
  const definition = REFERRAL_PEOPLE[code];
  const condition = `${area.sql} AND r.date >= ? AND r.date <= ? AND (${definition.denominator}) AND ${part === 'numerator' ? '' : 'NOT '}(${definition.numerator})`;
  const params = [...area.params, w.period.from, w.day];
  const [{ total }] = await dataSource.query(`SELECT COUNT(*) AS total FROM referrals r WHERE ${condition}`, params);
  const found: Record<string, unknown>[] = await dataSource.query(
    `SELECT r.personId AS personId, r.contractId AS contractId, r.teamId AS teamId, r.date AS date, r.status AS status, r.department AS department,
            h.name AS hospital, c.startDate AS startDate, c.endDate AS endDate
       FROM referrals r JOIN hospitals h ON h.id = r.hospitalId JOIN contracts c ON c.id = r.contractId
      WHERE ${condition} ORDER BY r.date DESC, r.id LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
    params,
  );
  return {
    total: Number(total),
    rows: found.map((r) => ({
      personId: String(r.personId),
      contractId: String(r.contractId),
      teamId: String(r.teamId),
      signedFrom: dayText(r.startDate),
      endDate: dayText(r.endDate),
      detail: `${dayText(r.date)} ${String(r.hospital)} ${String(r.department)} · ${REFERRAL_STATUS_LABELS[r.status as ReferralStatus] ?? String(r.status)}`,
    })),
  };
}
