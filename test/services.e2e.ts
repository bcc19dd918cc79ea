// Service delivery in the browser: a doctor, on a phone at the door, registers an elderly couple
// without WeChat and signs them on site with a hand-drawn signature, then records a follow-up with
// blood pressure. Later the husband logs in with WeChat, claims his record with his ID number and
// phone, sees the contract and the follow-up, and confirms it.
import { join } from 'node:path';
import { Browser, Locator, Page } from 'playwright-core';
import { makeIdNumber, todayInChina } from '../libs/domain/src';
import type { Stack } from './support/stack';
import { ARTIFACTS, fill, openPage, snap, startStackAndBrowser } from './support/browser';
import { signInResident, signInStaff } from './support/sign-in';
import { item, open, shows, tap, visible } from './support/ui';
import { signaturePng } from '../apps/api/test/support/service-factories';

jest.setTimeout(240_000);

const today = todayInChina(new Date());
const yearsAgo = (years: number, monthDay: string) => `${Number(today.slice(0, 4)) - years}-${monthDay}`;
const seq = 1 + Math.floor(Math.random() * 400);
const husband = { name: '张守田', idNumber: makeIdNumber(yearsAgo(72, '03-15'), 'male', seq), phone: '13566667777' };
const wife = { name: '刘桂芝', idNumber: makeIdNumber(yearsAgo(69, '09-20'), 'female', seq) };

let stack: Stack;
let browser: Browser;
let doctor: Page;

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser());
  doctor = await openPage(browser, 'phone');
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** A screenshot of one part of a long page, readable at full size. */
async function snapPart(part: Locator, flow: string, step: string) {
  await part.scrollIntoViewIfNeeded();
  await part.screenshot({ path: join(ARTIFACTS, flow, `${step}.png`) });
}

/** Draws a scribble across the signature pad with the mouse (pointer events, as a finger or pen would). */
async function drawSignature(page: Page, testId: string) {
  const pad = visible(page, testId).first().locator('canvas');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 24; i++) await page.mouse.move(box.x + 30 + i * 10, box.y + box.height * (0.6 - 0.3 * Math.sin(i / 3)), { steps: 2 });
  await page.mouse.up();
}

it('1. the doctor signs a household on site with a drawn signature', async () => {
  const flow = 'services-1-onsite';
  const page = doctor;
  await signInStaff(page, stack.baseUrl, 'clinic1.doctor1');
  await snap(page, flow, '01-staff-home');
  await tap(page, 'staff-menu-onsite');
  await page.getByTestId('onsite').waitFor();
  await item(page, 'onsite-team', '城关镇第一家庭医生团队').click();
  await item(page, 'onsite-community', '东关村').click();

  await fill(page, 'member-0-name', husband.name);
  await fill(page, 'member-0-id', husband.idNumber);
  await fill(page, 'member-0-phone', husband.phone);
  await tap(page, 'member-0-tag-hypertension');
  await tap(page, 'onsite-add-member');
  await fill(page, 'member-1-name', wife.name);
  await fill(page, 'member-1-id', wife.idNumber);
  await tap(page, 'member-1-relation-spouse');
  await snap(page, flow, '02-household');

  await tap(page, 'onsite-price');
  await visible(page, 'onsite-quote-1').waitFor();
  await tap(page, 'onsite-package-0-hypertension');
  await shows(visible(page, 'onsite-quote-0').getByTestId('fee-selfpay'), `${husband.name}个人需支付`);
  await snap(page, flow, '03-packages-and-fees');
  await snapPart(visible(page, 'onsite-quote-0'), flow, '03b-fee-card-husband');

  expect(await visible(page, 'onsite-submit').getAttribute('data-disabled')).toBe('true');
  await tap(page, 'onsite-agreed');
  await drawSignature(page, 'onsite-signature');
  await shows(visible(page, 'onsite-signature-state'), '已签名');
  await snap(page, flow, '04-signed');
  await snapPart(page.locator('.signature').filter({ visible: true }).first(), flow, '04b-signature-pad');
  await tap(page, 'onsite-submit');

  await visible(page, 'onsite-success').waitFor();
  await shows(item(page, 'onsite-contract', husband.name), '已生效');
  await shows(item(page, 'onsite-contract', wife.name), '已生效');
  await snap(page, flow, '05-success');
});

it('2. the doctor records a follow-up with blood pressure from the resident record', async () => {
  const flow = 'services-2-follow-up';
  const page = doctor;
  await item(page, 'onsite-contract', husband.name).click();
  await visible(page, 'resident-record').waitFor();
  await shows(visible(page, 'resident-name'), husband.name);
  await shows(visible(page, 'resident-contract'), '上门签约（医生代签）');
  await shows(visible(page, 'plan-progress'), '已完成 0');
  await shows(item(page, 'plan-item', '高血压/糖尿病随访').first(), '待完成');
  await snap(page, flow, '01-resident-record');
  await snapPart(visible(page, 'resident-plan'), flow, '01b-plan');

  await item(page, 'plan-item', '高血压/糖尿病随访').first().getByTestId('plan-item-record').click();
  await visible(page, 'record-service').waitFor();
  expect(await visible(page, 'record-type-followUp').getAttribute('data-selected')).toBe('true');
  await fill(page, 'record-systolic', '2600');
  await shows(visible(page, 'record-systolic-error'), '收缩压应在60–260');
  await fill(page, 'record-systolic', '156');
  await fill(page, 'record-diastolic', '96');
  await fill(page, 'record-weightKg', '68.5');
  await fill(page, 'record-note', '偶有头晕，嘱按时服药，低盐饮食');
  await snap(page, flow, '02-record-form');
  await tap(page, 'record-submit');

  await visible(page, 'resident-record').waitFor();
  const service = item(page, 'resident-service', '随访');
  await shows(service, '血压 156/96 mmHg，体重 68.5 kg');
  await shows(service, '居民未确认');
  await shows(visible(page, 'plan-progress'), '已完成 1');
  await snap(page, flow, '03-recorded');

  await open(page, stack.baseUrl, '/fieldwork/todo/index');
  await visible(page, 'todo').waitFor();
  await shows(visible(page, 'todo-group-serviceUnconfirmed'), husband.name);
  await snap(page, flow, '04-todo');
});

it('3. the resident logs in with WeChat, claims his record, sees the contract and the follow-up, and confirms it', async () => {
  const flow = 'services-3-resident';
  const page = await openPage(browser, 'phone');
  await signInResident(page, stack.baseUrl, `e2e-services-${seq}-${Date.now()}`);
  await page.getByTestId('privacy').waitFor();
  await tap(page, 'consent-sensitive');
  await tap(page, 'privacy-continue');

  await page.getByTestId('profile').waitFor();
  await fill(page, 'profile-name', husband.name);
  await fill(page, 'profile-id', husband.idNumber);
  await fill(page, 'profile-phone', husband.phone);
  await item(page, 'community-option', '东关村').click();
  await snap(page, flow, '01-profile-same-id-and-phone');
  await tap(page, 'profile-save');
  await visible(page, 'people').waitFor();

  await open(page, stack.baseUrl, '/signing/contracts/index');
  await visible(page, 'contracts').waitFor();
  await shows(item(page, 'contract-card', husband.name), '已生效');
  await shows(item(page, 'contract-card', wife.name), '已生效');
  await snap(page, flow, '02-contracts-claimed');
  await item(page, 'contract-card', husband.name).click();
  await visible(page, 'contract-progress').waitFor();
  await shows(visible(page, 'contract-progress'), '已提供 1 项');
  await snap(page, flow, '03-contract-progress');

  // The home page names the family's most pressing due service: his yearly check-up (he is 72).
  await open(page, stack.baseUrl, '/pages/index/index');
  await shows(visible(page, 'home-next-service'), husband.name);
  await snap(page, flow, '03b-home-next-service');

  await open(page, stack.baseUrl, '/pages/services/index');
  const mine = visible(page, 'my-service').filter({ hasText: '随访' });
  await shows(mine, '血压 156/96 mmHg');
  await shows(mine, '未达到控制目标');
  await snap(page, flow, '04-my-services');
  await mine.getByTestId('my-service-confirm').click();
  await shows(visible(page, 'my-service-confirmed'), '您已确认');
  await snap(page, flow, '05-confirmed');
});

it('4. the doctor records a refusal with the photographed 知情告知书 and later changes its category', async () => {
  const flow = 'services-4-non-signing';
  const page = await openPage(browser, 'pc');
  await signInStaff(page, stack.baseUrl, 'clinic1.doctor1');
  await tap(page, 'staff-menu-refusal');
  await visible(page, 'staff-refusal').waitFor();
  const refuser = { name: '孔拒签', idNumber: makeIdNumber(yearsAgo(45, '07-07'), 'male', seq) };
  await fill(page, 'refusal-name', refuser.name);
  await fill(page, 'refusal-id', refuser.idNumber);
  await item(page, 'refusal-team-option', '城关镇第一家庭医生团队').click();
  await tap(page, 'refusal-category-refused');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(page, 'refusal-photo')]);
  await chooser.setFiles({ name: 'notice.png', mimeType: 'image/png', buffer: Buffer.from(signaturePng(9).split(',')[1], 'base64') });
  await visible(page, 'refusal-photo-preview').waitFor();
  await fill(page, 'refusal-reason', '本人表示暂不需要，已签知情告知书');
  await snap(page, flow, '01-form-with-photo');
  await tap(page, 'refusal-submit');
  const listed = item(page, 'refusal-card', refuser.name);
  await shows(listed, '拒签：本人表示暂不需要');
  await listed.getByTestId('refusal-edit').click();
  await listed.getByTestId('refusal-edit-category-movedAway').click();
  await fill(page, 'refusal-edit-reason', '已举家迁往外省');
  await listed.getByTestId('refusal-edit-save').click();
  await shows(item(page, 'refusal-card', refuser.name), '外出/迁出：已举家迁往外省');
  await snap(page, flow, '02-category-changed');
  await page.context().close();
});
