// The referral loop in the browser: a resident books a specialist visit from the home page, the
// family doctor approves, the hospital's coordinator records the visit and writes feedback, the
// resident reads it; a hold the doctor never approves expires and its place comes back; the
// hospital sends the patient back down to the team, which acknowledges it.
import { Browser, Page } from 'playwright-core';
import { createConnection } from 'mysql2/promise';
import { makeIdNumber, todayInChina } from '../libs/domain/src';
import type { Stack } from './support/stack';
import { fill, openPage, snap, startStackAndBrowser } from './support/browser';
import { apiOf, signInResident, signInStaff } from './support/sign-in';
import { item, open, shows, tap, visible } from './support/ui';

jest.setTimeout(300_000);

const today = todayInChina(new Date());
const yearsAgo = (years: number, monthDay: string) => `${Number(today.slice(0, 4)) - years}-${monthDay}`;
const seq = 1 + Math.floor(Math.random() * 400);
const run = `${seq}-${Date.now()}`;
const patient = { openid: `rf-${run}`, name: '赵桂兰', idNumber: makeIdNumber(yearsAgo(68, '04-09'), 'female', seq), phone: '13812340011' };
const waiting = { openid: `rw-${run}`, name: '孙德明', idNumber: makeIdNumber(yearsAgo(59, '09-30'), 'male', seq), phone: '13812340012' };
const latecomer = { openid: `rl-${run}`, name: '周建华', idNumber: makeIdNumber(yearsAgo(63, '06-16'), 'male', seq), phone: '13812340013' };
const feedback = {
  findings: '原发性高血压2级，心电图提示左心室高电压，未见心肌缺血',
  advice: '氨氯地平5毫克每日一次，继续低盐饮食，每天测血压',
  nextStep: '两周后在社区复测血压，一个月后心血管内科复诊',
};

// The sweep runs every 2 seconds in this stack, so an expired hold is freed while the test watches.
process.env.REFERRAL_SWEEP_SECONDS = '2';

let stack: Stack;
let browser: Browser;
let resident: Page;
let doctor: Page;
let coordinator: Page;

const { call, residentToken, staffToken } = apiOf(() => stack.baseUrl);

/** A resident of 东关村 with an active contract with 王建国's team; returns the token and the contract id. */
async function signedResident(person: typeof patient) {
  const token = await residentToken(person.openid);
  const communities = await call<{ id: string; name: string }[]>(token, 'GET', '/communities');
  const communityId = communities.find((c) => c.name === '东关村')!.id;
  const teams = await call<{ id: string; name: string; doctors: { id: string; name: string }[] }[]>(token, 'GET', `/teams?communityId=${communityId}`);
  const team = teams.find((t) => t.name === '城关镇第一家庭医生团队')!;
  await call(token, 'PUT', '/me/profile', {
    name: person.name,
    idNumber: person.idNumber,
    phone: person.phone,
    communityId,
    declaredTags: [],
    privacyPolicyVersion: '2026-11',
    sensitiveConsent: true,
  });
  const agreement = await call<{ version: string }>(token, 'GET', '/agreements/current');
  const [contract] = await call<{ id: string }[]>(token, 'POST', '/contracts', {
    personIds: [(await call<{ person: { id: string } }>(token, 'GET', '/me')).person.id],
    teamId: team.id,
    doctorId: team.doctors.find((d) => d.name === '王建国')!.id,
    packageCodes: ['basicPublicHealth', 'basicMedical'],
    years: 1,
    agreementVersion: agreement.version,
    insuranceAuthorized: true,
  });
  const doctorToken = await staffToken('clinic1.doctor1');
  await call(doctorToken, 'POST', `/staff/contracts/${contract.id}/confirm`, { confirmedTags: [] });
  return { token, contractId: contract.id };
}

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser());
  await signedResident(patient);
  resident = await openPage(browser, 'phone');
  doctor = await openPage(browser, 'pc');
  coordinator = await openPage(browser, 'pc');
  await signInResident(resident, stack.baseUrl, patient.openid);
  await signInStaff(doctor, stack.baseUrl, 'clinic1.doctor1');
  await signInStaff(coordinator, stack.baseUrl, 'hospital1.coordinator');
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

it('1. the resident books, the doctor approves, the hospital records the visit and writes feedback, the resident reads it', async () => {
  const flow = 'referral-1-book-to-feedback';
  await open(resident, stack.baseUrl, '/pages/index/index');
  await tap(resident, 'entry-referral');
  await visible(resident, 'referral-mine').waitFor();
  await snap(resident, flow, '01-my-referrals-empty');
  await tap(resident, 'referral-new');
  await visible(resident, 'referral-book').waitFor();
  await item(resident, `referral-person-${patient.name}`, patient.name).waitFor();
  await tap(resident, 'referral-department-心血管内科');
  await visible(resident, 'referral-date-strip').waitFor();
  await resident.locator('.date-strip__slot:not(.date-strip__slot--off)').filter({ visible: true }).first().waitFor();
  await snap(resident, flow, '02-date-strip');
  await resident.locator('.date-strip__slot:not(.date-strip__slot--off)').filter({ visible: true }).first().click();
  await fill(resident, 'referral-reason', '血压一直偏高，吃药效果不好，有时胸闷');
  await tap(resident, 'referral-next');
  await shows(visible(resident, 'referral-confirm'), '心血管内科');
  await snap(resident, flow, '03-confirm');
  await tap(resident, 'referral-submit');
  await visible(resident, 'referral-mine').waitFor();
  await shows(visible(resident, 'referral-status'), '待医生审核');
  await snap(resident, flow, '04-requested');
  // Right after booking the resident is offered WeChat messages about the referral, on their tap;
  // outside WeChat (this H5 build) the prompt says where it works instead.
  await shows(visible(resident, 'referral-submitted'), '转诊申请已提交');
  await tap(resident, 'referral-subscribe');
  await resident.getByText('消息提醒请在微信小程序中开启').waitFor();
  await snap(resident, flow, '04b-subscribe-offered');

  await open(doctor, stack.baseUrl, '/staff/home/index');
  await tap(doctor, 'staff-menu-referrals');
  const card = visible(doctor, 'referral-queue').locator('.card').filter({ hasText: patient.name });
  await shows(card, '基本公卫服务包');
  await snap(doctor, flow, '05-doctor-queue');
  await tap(card, 'queue-approve');
  await card.waitFor({ state: 'detached' });

  await resident.reload();
  await shows(visible(resident, 'referral-status'), '已预约');
  await shows(visible(resident, 'referral-mine'), '就诊请带上');
  await snap(resident, flow, '06-booked-what-to-bring');

  // The day of the visit comes.
  const db = await createConnection(stack.database.url);
  await db.query(
    `UPDATE referral_slot_pools p JOIN referrals r ON r.slotId = p.id JOIN persons s ON s.id = r.personId SET p.date = ?, r.date = ? WHERE s.name = ?`,
    [today, today, patient.name],
  );
  await db.end();

  await open(coordinator, stack.baseUrl, '/staff/home/index');
  await tap(coordinator, 'staff-menu-arrivals');
  const arrival = visible(coordinator, 'referral-arrivals').locator('.card').filter({ hasText: patient.name });
  await shows(arrival, '城关镇第一家庭医生团队');
  await snap(coordinator, flow, '07-arrivals');
  await tap(arrival, 'arrival-visit');
  await arrival.waitFor({ state: 'detached' });
  await tap(coordinator, 'arrivals-tab-visited');
  const visited = visible(coordinator, 'referral-arrivals').locator('.card').filter({ hasText: patient.name });
  await tap(visited, 'arrival-write-feedback');
  await fill(coordinator, 'feedback-findings', feedback.findings);
  await fill(coordinator, 'feedback-advice', feedback.advice);
  await fill(coordinator, 'feedback-next', feedback.nextStep);
  await snap(coordinator, flow, '08-feedback-form');
  await tap(visited, 'feedback-submit');
  await shows(visited.getByTestId('referral-feedback'), feedback.advice);

  await resident.reload();
  await shows(visible(resident, 'referral-feedback'), feedback.nextStep);
  await shows(visible(resident, 'referral-status'), '已就诊');
  await snap(resident, flow, '09-resident-reads-feedback');

  // The team's 待办 now asks for a follow-up of the patient after the hospital's feedback (until a service is recorded).
  await open(doctor, stack.baseUrl, '/fieldwork/todo/index');
  const followUp = visible(doctor, 'todo-group-referralFollowUp');
  await shows(followUp, '转诊后待随访');
  await shows(followUp, patient.name);
  await snap(doctor, flow, '10-todo-follow-up-after-feedback');
});

it('2. a hold the doctor does not approve in time expires and its place comes back', async () => {
  const flow = 'referral-2-expiry';
  const coordinatorToken = await staffToken('hospital1.coordinator');
  const pools = await call<{ id: string; date: string; period: string; capacity: number; booked: number }[]>(
    coordinatorToken,
    'GET',
    '/staff/referral-slots?department=眼科',
  );
  const pool = pools.find((p) => p.booked === 0 && p.date > today)!;
  await call(coordinatorToken, 'PUT', `/staff/referral-slots/${pool.id}`, { capacity: 1 });
  const holder = await signedResident(waiting);
  const held = await call<{ id: string }>(holder.token, 'POST', '/referrals', { contractId: holder.contractId, slotId: pool.id, reason: '视物模糊半年' });
  await signedResident(latecomer);

  const page = await openPage(browser, 'phone');
  await signInResident(page, stack.baseUrl, latecomer.openid);
  await open(page, stack.baseUrl, '/referral/book/index');
  await tap(page, 'referral-department-眼科');
  const slot = visible(page, `slot-${pool.date}-${pool.period}`);
  await shows(slot, '约满');
  await snap(page, flow, '01-slot-full');

  // 24 hours pass without the doctor's approval.
  const db = await createConnection(stack.database.url);
  await db.query('UPDATE referrals SET holdExpiresAt = ? WHERE id = ?', [new Date(Date.now() - 60_000), held.id]);
  await db.end();
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [mine] = await call<{ id: string; status: string }[]>(holder.token, 'GET', '/referrals');
    if (mine.status === 'expired') break;
    if (Date.now() > deadline) throw new Error(`hold not expired: ${mine.status}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  await page.reload();
  await tap(page, 'referral-department-眼科');
  await shows(visible(page, `slot-${pool.date}-${pool.period}`), '余1');
  await snap(page, flow, '02-place-back');

  const holderPage = await openPage(browser, 'phone');
  await signInResident(holderPage, stack.baseUrl, waiting.openid);
  await open(holderPage, stack.baseUrl, '/referral/mine/index');
  await shows(visible(holderPage, 'referral-status'), '已过期');
  await snap(holderPage, flow, '03-holder-sees-expired');
  await holderPage.context().close();
  await page.context().close();
});

it('3. the hospital sends the patient back down to the team, which acknowledges it', async () => {
  const flow = 'referral-3-down';
  await open(coordinator, stack.baseUrl, '/referral/arrivals/index');
  await tap(coordinator, 'arrivals-tab-visited');
  const visited = visible(coordinator, 'referral-arrivals').locator('.card').filter({ hasText: patient.name });
  await tap(visited, 'arrival-send-down');
  await fill(coordinator, 'down-summary', '高血压2级，调整用药后血压130/82，症状缓解');
  await fill(coordinator, 'down-plan', '每两周社区测血压一次，三个月后复查心电图');
  await snap(coordinator, flow, '01-down-form');
  await tap(visited, 'down-submit');
  await shows(visited, '等待团队接收');

  // The down-referral waits in the team's 待办; its item opens the referral queue on the 转回 tab.
  await open(doctor, stack.baseUrl, '/fieldwork/todo/index');
  const waitingDown = item(visible(doctor, 'todo-group-downReferralToAcknowledge'), 'todo-item', patient.name);
  await shows(waitingDown, patient.name);
  await snap(doctor, flow, '02a-todo-down-referral');
  await waitingDown.first().click();
  const down = visible(doctor, 'referral-queue').locator('.card').filter({ hasText: patient.name });
  await shows(down, '每两周社区测血压一次');
  await snap(doctor, flow, '02-team-receives');
  await tap(down, 'down-acknowledge');
  await down.waitFor({ state: 'detached' });
  await shows(visible(doctor, 'state-empty'), '没有待接收的转回');
  await snap(doctor, flow, '03-acknowledged');

  const patientToken = await residentToken(patient.openid);
  const notices = await call<{ kind: string }[]>(patientToken, 'GET', '/notices');
  expect(notices.map((n) => n.kind)).toEqual(expect.arrayContaining(['referralBooked', 'referralFeedback', 'downReferral']));
});

it('4. the coordinator reads two weeks of pools as a table, publishes a week template and closes a pool', async () => {
  const flow = 'referral-4-pools';
  await open(coordinator, stack.baseUrl, '/staff/home/index');
  await tap(coordinator, 'staff-menu-pools');
  await visible(coordinator, 'pool-table').waitFor();
  await tap(coordinator, 'pool-department-内科');
  await visible(coordinator, 'pool-table').locator('.pool-table__cell--tap').first().waitFor();
  await snap(coordinator, flow, '01-table-internal-medicine');

  await tap(coordinator, 'pool-department-中医科');
  await shows(visible(coordinator, 'pool-table'), '未放号');
  await shows(visible(coordinator, 'pool-publish'), '批量放号：中医科');
  await tap(coordinator, 'publish-period-pm');
  await fill(coordinator, 'publish-capacity', '4');
  await snap(coordinator, flow, '02-week-template');
  await tap(coordinator, 'publish-submit');
  const firstCell = visible(coordinator, 'pool-table').locator('.pool-table__cell--tap').first();
  await shows(firstCell, '0/4');
  await snap(coordinator, flow, '03-published');

  await firstCell.click();
  await visible(coordinator, 'pool-editor').waitFor();
  await tap(coordinator, 'pool-close');
  await shows(visible(coordinator, 'pool-table').locator('.pool-table__cell--closed').first(), '停约');
  await snap(coordinator, flow, '04-closed');
});

it('5. the family doctor books directly for a resident of the team', async () => {
  const flow = 'referral-5-doctor-books';
  await open(doctor, stack.baseUrl, '/referral/queue/index');
  await tap(doctor, 'queue-book');
  await visible(doctor, 'referral-book').waitFor();
  await fill(doctor, 'referral-resident-q', latecomer.name);
  await tap(doctor, 'referral-resident-search');
  await tap(doctor, `referral-person-${latecomer.name}`);
  await tap(doctor, 'referral-department-骨科');
  await doctor.locator('.date-strip__slot:not(.date-strip__slot--off)').filter({ visible: true }).first().click();
  await fill(doctor, 'referral-reason', '右膝关节疼痛三个月，上下楼加重');
  await tap(doctor, 'referral-next');
  await snap(doctor, flow, '01-confirm');
  await tap(doctor, 'referral-submit');
  await visible(doctor, 'referral-queue').waitFor();
  await tap(doctor, 'queue-tab-booked');
  await shows(visible(doctor, 'referral-queue').locator('.card').filter({ hasText: latecomer.name }), '骨科');
  await snap(doctor, flow, '02-booked-list');
});
