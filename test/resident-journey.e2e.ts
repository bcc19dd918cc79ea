// A household signs up in the mini-program (H5 build), the doctor confirms in the workspace, the
// resident renews and answers the satisfaction survey, the clinic admin reads the report.
// The flows build on each other and share one stack and one resident browser context.
import { Browser, Page } from 'playwright-core';
import { createConnection } from 'mysql2/promise';
import { addDays, makeIdNumber, todayInChina } from '../libs/domain/src';
import type { Stack } from './support/stack';
import { fill, openPage, snap, startStackAndBrowser } from './support/browser';
import { signInResident, signInStaff } from './support/sign-in';
import { item, open, shows, tap, visible } from './support/ui';

jest.setTimeout(240_000);

const today = todayInChina(new Date());
const yearsAgo = (years: number, monthDay: string) => `${Number(today.slice(0, 4)) - years}-${monthDay}`;
const seq = 1 + Math.floor(Math.random() * 400);
const self = { name: '李明', idNumber: makeIdNumber(yearsAgo(40, '05-12'), 'male', seq), phone: '13912345678' };
const parent = { name: '李秀英', idNumber: makeIdNumber(yearsAgo(70, '01-08'), 'female', seq) };
/** The same number with another check character: what a slip of the finger gives. */
const mistyped = self.idNumber.slice(0, 17) + (self.idNumber[17] === '1' ? '2' : '1');

let stack: Stack;
let browser: Browser;
let resident: Page;

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser());
  resident = await openPage(browser, 'phone');
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

it('1. a new resident signs up self and a 70-year-old parent with the elderly package', async () => {
  const flow = '1-signing';
  const page = resident;
  await signInResident(page, stack.baseUrl, `e2e-${seq}-${Date.now()}`, () => snap(page, flow, '01-login'));

  await page.getByTestId('privacy').waitFor();
  await shows(page.getByTestId('privacy-popup'), '隐私保护指引');
  await snap(page, flow, '02-privacy');
  expect(await page.getByTestId('privacy-continue').getAttribute('data-disabled')).toBe('true');
  await tap(page, 'consent-sensitive');
  await tap(page, 'privacy-continue');

  await page.getByTestId('profile').waitFor();
  await fill(page, 'profile-name', self.name);
  await fill(page, 'profile-id', mistyped);
  await shows(page.getByTestId('profile-id-error'), '校验');
  await snap(page, flow, '03-profile-wrong-check-character');
  await fill(page, 'profile-id', self.idNumber);
  await page.getByTestId('profile-id-error').waitFor({ state: 'detached' });
  // WeChat's quick phone verification (the stand-in's demo number), then a number typed by hand.
  await tap(page, 'phone-quick-fill');
  await page.waitForFunction(() => (document.querySelector('[data-testid="profile-phone"] input') as HTMLInputElement | null)?.value === '13800138000');
  await fill(page, 'profile-phone', self.phone);
  await item(page, 'community-option', '东关村').click();
  await snap(page, flow, '04-profile-filled');
  await tap(page, 'profile-save');

  await page.getByTestId('people').waitFor();
  await snap(page, flow, '05-people-self-only');
  await tap(page, 'people-add-family');
  await page.getByTestId('family').waitFor();
  await tap(page, 'family-add');
  await fill(page, 'family-name', parent.name);
  await fill(page, 'family-id', parent.idNumber);
  await tap(page, 'relation-parent');
  await tap(page, 'family-tag-hypertension');
  await snap(page, flow, '06-family-form');
  await tap(page, 'family-save');
  const card = item(page, 'family-card', parent.name);
  await shows(card, '父母');
  await shows(card, '70岁');
  await snap(page, flow, '07-family-list');

  await tap(page, 'family-done');
  await visible(page, 'people').waitFor();
  await shows(page.getByTestId('sign-person-1'), `${parent.name}（父母）`);
  await tap(page, 'sign-person-0');
  await tap(page, 'sign-person-1');
  await snap(page, flow, '08-people-chosen');
  await tap(page, 'people-next');

  await page.getByTestId('team').waitFor();
  await item(page, 'community-option', '东关村').click();
  await item(page, 'team-option', '城关镇第一家庭医生团队').click();
  await item(page, 'doctor-option', '王建国').click();
  await snap(page, flow, '09-team');
  await tap(page, 'team-next');

  await page.getByTestId('packages').waitFor();
  const parentCard = item(page, 'person-packages', parent.name);
  await tap(parentCard, 'pkg-elderly');
  expect(await parentCard.getByTestId('pkg-elderly').getAttribute('data-checked')).toBe('true');
  await shows(parentCard.getByTestId('fee-total'), '104.00');
  await shows(parentCard.getByTestId('fee-insurance'), '69.00');
  await shows(parentCard.getByTestId('fee-selfPay'), '25.00');
  await shows(parentCard.getByTestId('fee-publicHealth'), '10.00');
  await shows(parentCard.getByTestId('fee-selfpay'), `${parent.name}个人需支付 25.00 元`);
  await shows(parentCard.getByTestId('fee-overlap'), '10.00');
  await shows(item(page, 'person-packages', self.name).getByTestId('fee-selfpay'), '您个人需支付 5.00 元');
  await shows(page.getByTestId('fee-selfpay-total'), '30.00');
  // The package's list price is told as such, not as what the resident pays.
  await shows(parentCard.getByTestId('pkg-list-price').first(), '服务包总价 25.00 元/年（大部分由医保、公卫支付');
  await snap(page, flow, '10-packages-fees');
  await tap(page, 'packages-next');

  await page.getByTestId('agreement').waitFor();
  await shows(page.getByTestId('agreement-text'), '家庭医生');
  await snap(page, flow, '11-agreement');
  await tap(page, 'agreement-accept');
  await tap(page, 'agreement-next');

  await page.getByTestId('submit').waitFor();
  await shows(page.getByTestId('submit'), `${self.name}、${parent.name}`);
  expect(await page.getByTestId('contract-submit').getAttribute('data-disabled')).toBe('true');
  await tap(page, 'insurance-auth');
  await snap(page, flow, '12-submit');
  await tap(page, 'contract-submit');

  await page.getByTestId('submit-success').waitFor();
  await shows(page.getByTestId('submit-success'), '等待医生确认');
  await snap(page, flow, '13-success');
  await tap(page, 'success-contracts');
  await page.getByTestId('contracts').waitFor();
  for (const person of [self, parent]) await shows(item(page, 'contract-card', person.name).getByTestId('contract-status'), '待医生确认');
  await snap(page, flow, '14-contracts-pending');
});

it('2. the doctor confirms both pending contracts in the workspace, with the tags', async () => {
  const flow = '2-doctor-confirms';
  const page = await openPage(browser, 'pc');
  await signInStaff(page, stack.baseUrl, 'clinic1.doctor1');
  await shows(page.getByTestId('staff-user'), '王建国');
  await snap(page, flow, '01-staff-home');
  await tap(page, 'staff-menu-pending');
  await page.getByTestId('staff-pending').waitFor();
  // A card names the household too: pick each by its own name.
  const card = (name: string) => visible(page, 'pending-card').filter({ has: page.locator('.card__title', { hasText: name }) });
  const parentCard = card(parent.name);
  await shows(parentCard, '70岁');
  await shows(card(self.name), '40岁');
  await shows(parentCard.getByTestId('pending-household'), self.name);
  expect(await parentCard.getByTestId('confirm-tag-hypertension').getAttribute('data-checked')).toBe('true');
  await snap(page, flow, '02-pending');

  await tap(parentCard, 'confirm');
  await parentCard.waitFor({ state: 'detached' });
  const selfCard = card(self.name);
  await tap(selfCard, 'confirm');
  await selfCard.waitFor({ state: 'detached' });
  await snap(page, flow, '03-confirmed');
  await page.context().close();
});

it('3. the resident sees both contracts in force with the team to call', async () => {
  const flow = '3-resident-active';
  const page = resident;
  await open(page, stack.baseUrl, '/signing/contracts/index');
  await page.reload();
  for (const person of [self, parent]) await shows(item(page, 'contract-card', person.name).getByTestId('contract-status'), '已生效');
  await snap(page, flow, '01-contracts-active');
  await tap(item(page, 'contract-card', parent.name), 'contract-open');
  const contact = page.getByTestId('team-contact');
  await shows(contact, '城关镇第一家庭医生团队');
  await shows(contact, '王建国');
  expect(await page.getByTestId('call-team').count()).toBeGreaterThan(0);
  await snap(page, flow, '02-contract-detail');
});

it('4. renewal opens 30 days before the end date and is refused, readably, before that', async () => {
  const flow = '4-renewal';
  const page = resident;
  const db = await createConnection(stack.database.url);
  const soon = addDays(today, 20);
  const [updated] = await db.query(`UPDATE contracts c JOIN persons p ON p.id = c.personId SET c.endDate = ? WHERE c.status = 'active' AND p.name = ?`, [
    soon,
    parent.name,
  ]);
  await db.end();
  expect((updated as { affectedRows: number }).affectedRows).toBe(1);

  await open(page, stack.baseUrl, '/signing/contracts/index');
  await page.reload();
  await tap(item(page, 'contract-card', parent.name), 'contract-open');
  await page.getByTestId('renew').waitFor();
  await snap(page, flow, '01-parent-contract-ending-soon');
  await tap(page, 'renew');
  // One tap does not commit: a sheet shows the period, the fee split and the agreement to accept.
  const sheet = visible(page, 'renew-sheet');
  await shows(sheet.getByTestId('renew-period'), '1年');
  await shows(sheet.getByTestId('renew-fees'), '医保基金');
  expect(await visible(page, 'renew-confirm').getAttribute('data-disabled')).toBe('true');
  await tap(page, 'renew-accept');
  await snap(page, flow, '02-renewal-sheet');
  await tap(page, 'renew-confirm');
  await shows(page.getByTestId('contract-detail'), '待医生确认');
  await shows(page.getByTestId('contract-detail'), '这是续约');
  await snap(page, flow, '03-renewal-pending');
  await page.goBack();
  await tap(item(page, 'contract-card', parent.name).filter({ hasText: '已生效' }), 'contract-open');
  await shows(visible(page, 'renewed'), '已办理续约');
  await snap(page, flow, '04-renewed-contract');

  await open(page, stack.baseUrl, '/signing/contracts/index');
  await page.reload();
  await tap(item(page, 'contract-card', self.name), 'contract-open');
  // Before the window the button is there but off, and says when it opens.
  const closed = visible(page, 'renew');
  await shows(closed, /续约将于\d{4}年\d{1,2}月\d{1,2}日开放/);
  expect(await closed.getAttribute('data-disabled')).toBe('true');
  await snap(page, flow, '05-renewal-not-yet-open');
});

it('5. the resident answers the standard questionnaire and the clinic admin reads the report', async () => {
  const flow = '5-survey';
  const page = resident;
  await open(page, stack.baseUrl, '/survey/waves/index');
  await page.reload();
  const wave = page.getByTestId('wave-card').first();
  await wave.waitFor();
  await snap(page, flow, '01-waves');
  await wave.click();
  await page.getByTestId('question-form').waitFor();
  for (let n = 1; n <= 13; n++) {
    await shows(page.getByTestId('survey-progress'), `第${n}题/共13题`);
    if (n === 13) {
      await fill(page, 'survey-text', '希望多来村里巡诊');
    } else if (n === 5 || n === 12) {
      await tap(page, 'option-A');
      await tap(page, 'option-C');
    } else {
      await tap(page, n === 11 ? 'option-C' : 'option-A');
    }
    if (n === 1 || n === 5 || n === 13) await snap(page, flow, `02-question-${String(n).padStart(2, '0')}`);
    await tap(page, n === 13 ? 'survey-submit' : 'next');
  }
  await page.getByTestId('survey-thanks').waitFor();
  await snap(page, flow, '03-thanks');
  await tap(page, 'thanks-waves');
  await shows(visible(page, 'wave-card'), '已完成');
  expect(await visible(page, 'wave-card').first().getAttribute('data-answered')).toBe('true');
  expect(await page.getByTestId('wave-card').count()).toBe(1);
  await snap(page, flow, '04-waves-answered');

  const admin = await openPage(browser, 'pc');
  await signInStaff(admin, stack.baseUrl, 'clinic1.admin');
  await tap(admin, 'staff-menu-waves');
  const card = admin.getByTestId('staff-wave-card').first();
  await card.waitFor();
  await snap(admin, flow, '05-staff-waves');
  await tap(card, 'wave-report');
  await shows(admin.getByTestId('report-respondents'), /有效答卷\s*1\s*份/);
  const indicators = admin.getByTestId('indicator-card');
  await shows(indicators.filter({ hasText: '满意率' }), '100.0%');
  await shows(indicators.filter({ hasText: '知晓率' }).first(), '100.0%');
  await shows(indicators.filter({ hasText: '服务态度得分' }), '100.0分');
  expect(await indicators.count()).toBe(6);
  await snap(admin, flow, '06-report');
  await admin.context().close();
});
