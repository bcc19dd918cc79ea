// 慢病随访及时率 and 履约率 on the institution's dashboard: a clinic admin (not a team) sees both with
// a value, opens 慢病随访及时率 and finds the patient whose follow-ups were late or missed, with what
// was due and done. Two hypertensive residents of 东关村 signed 300 days ago (moved in SQL), their
// follow-ups recorded through the API: 陈 kept every closed quarter, 林 kept Q1, missed Q2 and did Q3 late.
import { Browser, Page } from 'playwright-core';
import { createConnection } from 'mysql2/promise';
import { addDays, makeIdNumber, PRIVACY_POLICY_VERSION, todayInChina } from '../libs/domain/src';
import type { Stack } from './support/stack';
import { openPage, snap, startStackAndBrowser } from './support/browser';
import { apiOf, signInStaff } from './support/sign-in';
import { shows, tap, visible } from './support/ui';

jest.setTimeout(180_000);

const today = todayInChina(new Date());
const year = Number(today.slice(0, 4));
const start = addDays(today, -300);
const seq = 1 + Math.floor(Math.random() * 400);
const run = `${seq}-${Date.now()}`;
const flow = 'plan-indicators';

const patients = [
  { name: '陈国华', birthDate: `${year - 62}-04-11`, gender: 'male' as const, followUps: [[10], [100], [190]] as [number, string?][] },
  { name: '林秀珍', birthDate: `${year - 58}-08-23`, gender: 'female' as const, followUps: [[10], [280, 'chronic:3']] as [number, string?][] },
];

let stack: Stack;
let browser: Browser;
let admin: Page;

const { call, residentToken, staffToken } = apiOf(() => stack.baseUrl);

/** A hypertensive resident of 东关村 signed with 城关镇第一家庭医生团队, confirmed by the clinic admin. */
async function signed(person: (typeof patients)[number], i: number, staff: string): Promise<string> {
  const token = await residentToken(`plan-${run}-${i}`);
  const communities = await call<{ id: string; name: string }[]>(token, 'GET', '/communities');
  const village = communities.find((c) => c.name === '东关村')!;
  const teams = await call<{ id: string; name: string }[]>(token, 'GET', `/teams?communityId=${village.id}`);
  const team = teams.find((t) => t.name === '城关镇第一家庭医生团队')!;
  const me = await call<{ id: string }>(token, 'PUT', '/me/profile', {
    name: person.name,
    idNumber: makeIdNumber(person.birthDate, person.gender, seq + i),
    phone: `1381235${String(1000 + i)}`,
    communityId: village.id,
    declaredTags: ['hypertension'],
    privacyPolicyVersion: PRIVACY_POLICY_VERSION,
    sensitiveConsent: true,
  });
  const agreement = await call<{ version: string }>(token, 'GET', '/agreements/current');
  const [contract] = await call<{ id: string }[]>(token, 'POST', '/contracts', {
    personIds: [me.id],
    teamId: team.id,
    packageCodes: ['basicPublicHealth', 'basicMedical'],
    years: 1,
    agreementVersion: agreement.version,
    insuranceAuthorized: true,
  });
  await call(staff, 'POST', `/staff/contracts/${contract.id}/confirm`, { confirmedTags: ['hypertension'] });
  return contract.id;
}

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser());
  const staff = await staffToken('clinic1.admin');
  const doctor = await staffToken('clinic1.doctor1');
  const contracts = [];
  for (const [i, person] of patients.entries()) contracts.push(await signed(person, i, staff));
  // Signed 300 days ago for a year: three quarterly windows have closed.
  const db = await createConnection(stack.database.url);
  for (const id of contracts) await db.query('UPDATE contracts SET startDate = ?, endDate = ? WHERE id = ?', [start, addDays(start, 364), id]);
  await db.end();
  for (const [i, person] of patients.entries()) {
    for (const [day, item] of person.followUps) {
      await call(doctor, 'POST', '/staff/services', {
        contractId: contracts[i],
        type: 'followUp',
        date: addDays(start, day),
        channel: 'clinic',
        measurements: { systolic: 132, diastolic: 84 },
        ...(item ? { planItemId: `${contracts[i]}:${item}` } : {}),
      });
    }
  }
  admin = await openPage(browser, 'pc');
  await signInStaff(admin, stack.baseUrl, 'clinic1.admin');
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

it('1. the institution dashboard shows 慢病随访及时率 and 履约率 with values', async () => {
  const page = admin;
  await tap(page, 'staff-menu-dashboard');
  await visible(page, 'staff-dashboard').waitFor();
  await shows(visible(page, 'dashboard-area'), '城关镇卫生院');
  const timeliness = visible(page, 'indicator-followUpTimeliness');
  await shows(timeliness.getByTestId('indicator-value'), '66.7%');
  await shows(timeliness, '按时完成的慢病随访 4 / 已到期的慢病随访');
  const fulfilment = visible(page, 'indicator-fulfilment');
  await shows(fulfilment.getByTestId('indicator-value'), '50.0%');
  await shows(fulfilment, '到期服务全部完成的协议 1 / 有到期服务的在约协议 2');
  // The team table compares both too.
  await shows(visible(page, 'units-table'), '慢病随访及时率');
  await snap(page, flow, '01-institution-dashboard');
});

it('2. drills down from 慢病随访及时率 to the patient with late or missed follow-ups', async () => {
  const page = admin;
  await tap(page, 'indicator-followUpTimeliness');
  await visible(page, 'staff-indicator').waitFor();
  await shows(visible(page, 'people-title'), '有到期随访逾期或未做的慢病患者：1 人');
  const row = visible(page, 'person-row');
  await shows(row, '林秀珍');
  await shows(row.getByTestId('person-detail'), '到期随访 3 次，按时完成 1 次');
  expect(await visible(page, 'people-list').textContent()).not.toContain('陈国华');
  await visible(page, 'trend-chart').locator('canvas').waitFor();
  await page.waitForTimeout(1500); // the line's drawing animation
  await snap(page, flow, '02-drill-down-gap');
  await tap(page, 'part-numerator');
  await shows(visible(page, 'people-title'), '到期随访都按时完成的慢病患者：1 人');
  await shows(visible(page, 'person-row'), '陈国华');
  await snap(page, flow, '03-drill-down-numerator');
});
