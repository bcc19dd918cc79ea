// The household's later business in the mini-program (changing team, ending a contract, the family
// list) and the staff workspace's other duties (a survey wave with phone interviews, returning a
// contract, an informed refusal). Unlike resident-journey.e2e.ts, the starting contracts are
// arranged through the API, so each flow drives only the screens it is about.
import { Browser, Page } from 'playwright-core';
import { makeIdNumber, PRIVACY_POLICY_VERSION, todayInChina } from '../libs/domain/src';
import type { Stack } from './support/stack';
import { fill, openPage, snap, startStackAndBrowser } from './support/browser';
import { apiOf, signInResident, signInStaff } from './support/sign-in';
import { item, open, shows, tap, visible } from './support/ui';

jest.setTimeout(120_000);

const today = todayInChina(new Date());
const yearsAgo = (years: number, monthDay: string) => `${Number(today.slice(0, 4)) - years}-${monthDay}`;
const seq = 1 + Math.floor(Math.random() * 400);
const run = `${seq}-${Date.now()}`;

/** The household that changes team, ends a contract and keeps its family list. */
const household = {
  openid: `hh-${run}`,
  self: { name: '周淑芬', idNumber: makeIdNumber(yearsAgo(66, '03-15'), 'female', seq), phone: '13812340001' },
  spouse: { name: '刘德顺', idNumber: makeIdNumber(yearsAgo(68, '09-02'), 'male', seq) },
  child: { name: '刘小宝', idNumber: makeIdNumber(yearsAgo(8, '06-01'), 'male', seq), renamed: '刘宝宝' },
};
/** Signed with the first team; the doctor phones her for the survey. */
const interviewed = { openid: `iv-${run}`, name: '孙玉兰', idNumber: makeIdNumber(yearsAgo(72, '11-20'), 'female', seq), phone: '13812340002' };
/** Signs with the first team and is sent back by the doctor. */
const returned = { openid: `rj-${run}`, name: '钱国强', idNumber: makeIdNumber(yearsAgo(55, '02-28'), 'male', seq), phone: '13812340003' };
const rejectReason = '您住在南街社区，请选择城关镇第二家庭医生团队';
/** Informed and declined to sign. */
const refuser = { name: '吴长青', idNumber: makeIdNumber(yearsAgo(61, '07-07'), 'male', seq), reason: '已在县医院签约，暂不需要' };

let stack: Stack;
let browser: Browser;
let resident: Page;

// ---------------------------------------------------------------- API arrangement

const { call, residentToken, staffToken } = apiOf(() => stack.baseUrl);

interface Catalog {
  communities: { id: string; name: string }[];
  teams: { id: string; name: string; doctors: { id: string; name: string }[] }[];
}

async function catalog(token: string, village: string): Promise<Catalog> {
  const communities = await call<{ id: string; name: string }[]>(token, 'GET', '/communities');
  const community = communities.find((c) => c.name === village)!;
  const teams = await call<Catalog['teams']>(token, 'GET', `/teams?communityId=${community.id}`);
  return { communities, teams };
}

/** A resident with a profile in `village` and pending contracts with 王建国 for the given people. */
async function signUp(
  openid: string,
  self: { name: string; idNumber: string; phone: string },
  family: { name: string; idNumber: string; relation: string }[] = [],
  village = '东关村',
) {
  const token = await residentToken(openid);
  const { communities, teams } = await catalog(token, village);
  const team = teams.find((t) => t.name === '城关镇第一家庭医生团队')!;
  const doctor = team.doctors.find((d) => d.name === '王建国')!;
  const me = await call<{ id: string }>(token, 'PUT', '/me/profile', {
    name: self.name,
    idNumber: self.idNumber,
    phone: self.phone,
    communityId: communities.find((c) => c.name === village)!.id,
    declaredTags: [],
    privacyPolicyVersion: PRIVACY_POLICY_VERSION,
    sensitiveConsent: true,
  });
  const members = [];
  for (const person of family) members.push(await call<{ id: string }>(token, 'POST', '/me/family-members', { ...person, declaredTags: [] }));
  const agreement = await call<{ version: string }>(token, 'GET', '/agreements/current');
  const contracts = await call<{ id: string }[]>(token, 'POST', '/contracts', {
    personIds: [me.id, ...members.map((m) => m.id)],
    teamId: team.id,
    doctorId: doctor.id,
    packageCodes: ['basicPublicHealth', 'basicMedical'],
    years: 1,
    agreementVersion: agreement.version,
    insuranceAuthorized: true,
  });
  return { token, contracts };
}

async function confirmAll(staff: string, contracts: { id: string }[]) {
  for (const c of contracts) await call(staff, 'POST', `/staff/contracts/${c.id}/confirm`, { confirmedTags: [] });
}

/** A contract that did not start or has ended asks for no payment anywhere on its screen. */
async function expectNoPaymentAsked(page: Page) {
  await visible(page, 'fee-selfpay').waitFor();
  const text = (await visible(page, 'contract').first().textContent()) ?? '';
  expect(text).not.toContain('需支付');
}

/** Taro's H5 showModal dialog, and its 确定 button. */
const modal = (page: Page) => page.locator('.taro-modal__content').filter({ visible: true });
/** Waits for the dialog to finish fading in, so its screenshot is readable. */
const modalShown = (page: Page) =>
  page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLElement>('.taro__modal')].some((m) => m.style.display !== 'none' && getComputedStyle(m).opacity === '1'),
  );
const confirmModal = (page: Page) => modal(page).locator('.taro-model__confirm').click();

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser());

  const doctor = await staffToken('clinic1.doctor1');
  // 西关村 is served by both teams of 城关镇卫生院, so the household can move to the second one.
  const hh = await signUp(household.openid, household.self, [{ ...household.spouse, relation: 'spouse' }], '西关村');
  await confirmAll(doctor, hh.contracts);
  const iv = await signUp(interviewed.openid, interviewed);
  await confirmAll(doctor, iv.contracts);
  await signUp(returned.openid, returned);

  resident = await openPage(browser, 'phone');
  await signInResident(resident, stack.baseUrl, household.openid);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

// ---------------------------------------------------------------- resident

it('1. the resident changes her own contract to another team (改签)', async () => {
  const flow = 'hh-1-change-team';
  const page = resident;
  await open(page, stack.baseUrl, '/signing/contracts/index');
  await page.reload();
  const own = item(page, 'contract-card', household.self.name);
  await shows(own.getByTestId('contract-status'), '已生效');
  await snap(page, flow, '01-contracts-active');
  await tap(own, 'contract-open');
  await visible(page, 'change-team').waitFor();
  await snap(page, flow, '02-contract-detail');
  await tap(page, 'change-team');

  await visible(page, 'team').waitFor();
  // Her village is already chosen and her present team cannot be chosen again.
  expect(await item(page, 'community-option', '西关村').getAttribute('data-selected')).toBe('true');
  await shows(item(page, 'team-option', '城关镇第一家庭医生团队'), '您现在的团队');
  await item(page, 'team-option', '城关镇第二家庭医生团队').click();
  await item(page, 'doctor-option', '陈立华').click();
  await snap(page, flow, '03-new-team');
  await tap(page, 'team-next');

  await visible(page, 'agreement').waitFor();
  await tap(page, 'agreement-accept');
  await snap(page, flow, '04-agreement');
  await tap(page, 'agreement-next');

  await visible(page, 'submit').waitFor();
  await shows(visible(page, 'submit'), '更换医生团队');
  await shows(visible(page, 'submit'), '城关镇第二家庭医生团队');
  await snap(page, flow, '05-submit');
  await tap(page, 'contract-submit');
  await page.locator('[data-testid="submit-success"]:visible, [data-testid="form-error"]:visible').first().waitFor();
  await snap(page, flow, '06-success');
  expect(await visible(page, 'form-error').allTextContents()).toEqual([]);
  await shows(visible(page, 'submit-success'), '等待医生确认');
  await tap(page, 'success-contracts');

  // Until the new team confirms, she keeps her present contract (domain.md §5).
  await visible(page, 'contracts').waitFor();
  const current = item(page, 'contract-card', household.self.name).filter({ hasText: '已生效' });
  await shows(current, '城关镇第一家庭医生团队');
  const waiting = item(page, 'contract-card', household.self.name).filter({ hasText: '待医生确认' });
  await shows(waiting, '城关镇第二家庭医生团队');
  await shows(waiting, '陈立华');
  // Two cards of one person: each says which is the request and which runs on, so neither reads as a second signing.
  await shows(waiting.getByTestId('change-request'), '确认前，原来在城关镇第一家庭医生团队的签约照常有效');
  await shows(current.getByTestId('change-old'), '已申请更换到城关镇第二家庭医生团队');
  await snap(page, flow, '07-contracts-while-waiting');
  await tap(current, 'contract-open');
  await shows(visible(page, 'change-pending'), '确认前这份签约照常有效');
  expect(await visible(page, 'change-team').count()).toBe(0);
  await snap(page, flow, '08-old-contract-still-active');

  // The new team confirms: only now the old contract ends, as 改签.
  const admin = await openPage(browser, 'pc');
  await signInStaff(admin, stack.baseUrl, 'clinic1.admin');
  await tap(admin, 'staff-menu-pending');
  const change = item(admin, 'pending-card', household.self.name);
  await shows(change, '本人提交');
  await tap(change, 'confirm');
  await change.waitFor({ state: 'detached' });
  await admin.context().close();

  await open(page, stack.baseUrl, '/signing/contracts/index');
  await page.reload();
  const ended = item(page, 'contract-card', household.self.name).filter({ hasText: '已解约' });
  await shows(ended, '城关镇第一家庭医生团队');
  await shows(ended, '改签');
  await shows(item(page, 'contract-card', household.self.name).filter({ hasText: '城关镇第二家庭医生团队' }).getByTestId('contract-status'), '已生效');
  await snap(page, flow, '09-contracts-after-confirmation');

  await tap(ended, 'contract-open');
  await shows(visible(page, 'contract-detail'), '解约原因：改签（已换到新的医生团队）');
  await shows(visible(page, 'team-contact'), '这份签约的医生团队');
  await expectNoPaymentAsked(page);
  await snap(page, flow, '10-old-contract');
});

it("2. the resident ends her husband's contract (解约) with a reason", async () => {
  const flow = 'hh-2-terminate';
  const page = resident;
  await open(page, stack.baseUrl, '/signing/contracts/index');
  await page.reload();
  await tap(item(page, 'contract-card', household.spouse.name), 'contract-open');
  await tap(page, 'terminate');
  expect(await visible(page, 'terminate-confirm').getAttribute('data-disabled')).toBe('true');
  await tap(page, 'terminate-reason-movedAway');
  await snap(page, flow, '01-reason');
  await tap(page, 'terminate-confirm');
  await shows(modal(page), `确定为${household.spouse.name}解约吗`);
  await modalShown(page);
  await snap(page, flow, '02-confirm');
  await confirmModal(page);
  await shows(visible(page, 'contract-status'), '已解约');
  await shows(visible(page, 'contract-detail'), '解约原因：迁出');
  await expectNoPaymentAsked(page);
  await snap(page, flow, '03-terminated');

  await open(page, stack.baseUrl, '/signing/contracts/index');
  await page.reload();
  await shows(item(page, 'contract-card', household.spouse.name).getByTestId('contract-status'), '已解约');
  await snap(page, flow, '04-contracts');
});

it("3. a child under 14 needs the guardian's consent; members can be edited and removed", async () => {
  const flow = 'hh-3-family';
  const page = resident;
  await open(page, stack.baseUrl, '/signing/family/index');
  await page.reload();
  await item(page, 'family-card', household.spouse.name).waitFor();
  await tap(page, 'family-add');
  await fill(page, 'family-name', household.child.name);
  await fill(page, 'family-id', household.child.idNumber);
  await tap(page, 'relation-child');
  await visible(page, 'guardian-consent').waitFor();
  expect(await visible(page, 'guardian-consent').getAttribute('data-checked')).toBe('false');
  await tap(page, 'family-save');
  await shows(visible(page, 'family-form').locator('.form-error'), '监护人同意');
  await snap(page, flow, '01-child-without-consent');
  expect(await item(page, 'family-card', household.child.name).count()).toBe(0);

  await tap(page, 'guardian-consent');
  await snap(page, flow, '02-child-with-consent');
  await tap(page, 'family-save');
  const child = item(page, 'family-card', household.child.name);
  await shows(child, '子女');
  await shows(child, '8岁');
  await snap(page, flow, '03-child-added');

  await tap(child, 'family-edit');
  await visible(page, 'family-form').waitFor();
  await shows(visible(page, 'family-form'), '修改');
  await fill(page, 'family-name', household.child.renamed);
  await fill(page, 'family-id', household.child.idNumber);
  await snap(page, flow, '04-edit');
  await tap(page, 'family-save');
  const renamed = item(page, 'family-card', household.child.renamed);
  await shows(renamed, '子女');
  expect(await item(page, 'family-card', household.child.name).filter({ hasNotText: household.child.renamed }).count()).toBe(0);
  await snap(page, flow, '05-edited');

  await tap(renamed, 'family-delete');
  await shows(modal(page), household.child.renamed);
  await modalShown(page);
  await snap(page, flow, '06-delete-confirm');
  await confirmModal(page);
  await renamed.waitFor({ state: 'detached' });
  await snap(page, flow, '07-removed');

  // The husband has contract records: he stays, and the app says why.
  await tap(item(page, 'family-card', household.spouse.name), 'family-delete');
  await confirmModal(page);
  await shows(visible(page, 'form-error'), '签约记录');
  await snap(page, flow, '08-delete-refused');
});

// ---------------------------------------------------------------- staff

it('4. the clinic admin starts a survey wave, the doctor enters a phone interview, the report counts it', async () => {
  const flow = 'hh-4-survey-wave';
  const waveTitle = `电话回访测试批次-${seq}`;
  const admin = await openPage(browser, 'pc');
  await signInStaff(admin, stack.baseUrl, 'clinic1.admin');
  await tap(admin, 'staff-menu-waves');
  await tap(admin, 'wave-new');
  await visible(admin, 'staff-wave-new').waitFor();
  await admin.getByTestId('wave-questionnaire-option').first().click();
  await fill(admin, 'wave-title', waveTitle);
  await tap(admin, 'wave-scope-institution');
  expect(await visible(admin, 'wave-scope-institution').getAttribute('data-selected')).toBe('true');
  // The sample is drawn from the residents signed (active) in scope now: 孙玉兰 alone.
  await fill(admin, 'wave-sample', '1');
  await snap(admin, flow, '01-new-wave');
  await tap(admin, 'wave-create');
  const created = item(admin, 'staff-wave-card', waveTitle);
  await shows(created, '本机构');
  await shows(created, '样本量 1');
  await snap(admin, flow, '02-wave-created');

  const doctor = await openPage(browser, 'pc');
  await signInStaff(doctor, stack.baseUrl, 'clinic1.doctor1');
  await tap(doctor, 'staff-menu-waves');
  await tap(item(doctor, 'staff-wave-card', waveTitle), 'wave-phone');
  await visible(doctor, 'staff-phone-entry').waitFor();
  await fill(doctor, 'resident-search', interviewed.name);
  await tap(doctor, 'resident-search-submit');
  const found = item(doctor, 'resident-option', interviewed.name);
  await shows(found, '72岁');
  await snap(doctor, flow, '03-resident-found');
  await found.click();
  expect(await visible(doctor, 'channel-phone').getAttribute('data-selected')).toBe('true');
  for (let n = 1; n <= 13; n++) {
    await shows(visible(doctor, 'survey-progress'), `第${n}题/共13题`);
    if (n === 13) await fill(doctor, 'survey-text', '电话里说医生上门很及时');
    else if (n === 5 || n === 12) {
      await tap(doctor, 'option-A');
      await tap(doctor, 'option-B');
    } else await tap(doctor, n === 11 ? 'option-C' : 'option-A');
    if (n === 1) await snap(doctor, flow, '04-question-01');
    await tap(doctor, n === 13 ? 'survey-submit' : 'next');
  }
  await shows(visible(doctor, 'phone-entry-saved'), `已录入：${interviewed.name}`);
  await snap(doctor, flow, '05-saved');

  await open(admin, stack.baseUrl, '/staff/waves/index');
  await admin.reload();
  await shows(item(admin, 'staff-wave-card', waveTitle), '已回收 1 份');
  await tap(item(admin, 'staff-wave-card', waveTitle), 'wave-report');
  await shows(visible(admin, 'report-respondents'), /有效答卷\s*1\s*份/);
  await shows(visible(admin, 'indicator-card').filter({ hasText: '满意率' }), '100.0%');
  await snap(admin, flow, '06-report');
  await admin.context().close();
  await doctor.context().close();
});

it('5. the doctor returns a pending contract with a reason; the resident sees 未通过 and why', async () => {
  const flow = 'hh-5-reject';
  const doctor = await openPage(browser, 'pc');
  await signInStaff(doctor, stack.baseUrl, 'clinic1.doctor1');
  await tap(doctor, 'staff-menu-pending');
  const card = item(doctor, 'pending-card', returned.name);
  await shows(card, '岁');
  await tap(card, 'reject');
  expect(await visible(card, 'reject-submit').getAttribute('data-disabled')).toBe('true');
  await card.getByTestId('reject-reason').locator('input').fill(rejectReason);
  await snap(doctor, flow, '01-reject-reason');
  await tap(card, 'reject-submit');
  await card.waitFor({ state: 'detached' });
  await snap(doctor, flow, '02-returned');
  await doctor.context().close();

  const page = await openPage(browser, 'phone');
  await signInResident(page, stack.baseUrl, returned.openid);
  await open(page, stack.baseUrl, '/signing/contracts/index');
  await page.reload();
  const own = item(page, 'contract-card', returned.name);
  await shows(own.getByTestId('contract-status'), '未通过');
  await shows(own, `退回原因：${rejectReason}`);
  await snap(page, flow, '03-resident-contracts');
  await tap(own, 'contract-open');
  await shows(visible(page, 'contract-detail'), rejectReason);
  await expectNoPaymentAsked(page);
  await snap(page, flow, '04-resident-detail');
  // The way on: sign again, with the team the doctor named.
  await tap(page, 'contract-resign');
  await visible(page, 'people').waitFor();
  await shows(visible(page, 'sign-person-0'), returned.name);
  await snap(page, flow, '05-sign-again');
  await page.context().close();
});

it('6. the doctor records an informed refusal (知情告知) and sees it listed', async () => {
  const flow = 'hh-6-refusal';
  const page = await openPage(browser, 'pc');
  await signInStaff(page, stack.baseUrl, 'clinic1.doctor1');
  await tap(page, 'staff-menu-refusal');
  await visible(page, 'staff-refusal').waitFor();
  await fill(page, 'refusal-name', refuser.name);
  await fill(page, 'refusal-id', refuser.idNumber);
  const team = item(page, 'refusal-team-option', '城关镇第一家庭医生团队');
  await team.click();
  expect(await team.getAttribute('data-selected')).toBe('true');
  await fill(page, 'refusal-reason', refuser.reason);
  await snap(page, flow, '01-form');
  await tap(page, 'refusal-submit');
  await shows(visible(page, 'refusal-saved'), refuser.name);
  const listed = item(page, 'refusal-card', refuser.name);
  await shows(listed, refuser.reason);
  await shows(listed, '城关镇第一家庭医生团队');
  await snap(page, flow, '02-saved-and-listed');

  await page.reload();
  await shows(item(page, 'refusal-card', refuser.name), refuser.reason);
  await snap(page, flow, '03-listed-after-reload');
  await page.context().close();
});
