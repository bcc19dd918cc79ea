// Issue 13: the screens that misled and WeChat's conventions, driven in the H5 build. The money,
// renewal and change-of-team flows are in resident-journey and household-and-staff; this file
// covers the home page, the privacy popup, the declared-groups picker, 长辈模式 and a 360 px phone,
// the navigation bar and tab icons, and the staff workspace's new screens.
import { Browser, Page } from 'playwright-core';
import { createConnection } from 'mysql2/promise';
import { randomUUID } from 'node:crypto';
import { addDays, makeIdNumber, PRIVACY_POLICY_VERSION, todayInChina } from '../libs/domain/src';
import type { Stack } from './support/stack';
import { fill, openPage, snap, startStackAndBrowser, waitForPageSettled } from './support/browser';
import { apiOf, signInResident, signInStaff } from './support/sign-in';
import { item, open, shows, tap, visible } from './support/ui';

jest.setTimeout(240_000);

const today = todayInChina(new Date());
const yearsAgo = (years: number, monthDay: string) => `${Number(today.slice(0, 4)) - years}-${monthDay}`;
const seq = 1 + Math.floor(Math.random() * 400);
const run = `${seq}-${Date.now()}`;

/** Signed with 王建国, whose contract ends soon: the home page offers 续约. */
const signed = { openid: `sc-${run}`, name: '赵桂兰', idNumber: makeIdNumber(yearsAgo(71, '04-02'), 'female', seq), phone: '13812349001' };
const spouse = { name: '赵福生', idNumber: makeIdNumber(yearsAgo(73, '08-09'), 'male', seq) };
/** Pending with the hypertension package, though the doctor may not confirm the group. */
const pendingA = { openid: `pa-${run}`, name: '马建军', idNumber: makeIdNumber(yearsAgo(58, '01-15'), 'male', seq), phone: '13812349002' };
const pendingB = { openid: `pb-${run}`, name: '马秀梅', idNumber: makeIdNumber(yearsAgo(45, '06-21'), 'female', seq), phone: '13812349003' };

/** The given names of 21 pending residents of 西关村 (杨一 … 杨菊). */
const WEST = '一二三四五六七八九十百千万春夏秋冬梅兰竹菊';

let stack: Stack;
let browser: Browser;

const { call, residentToken, staffToken } = apiOf(() => stack.baseUrl);

/** A resident (of 东关村 unless told) with pending contracts with 王建国 for self (and family), the packages given. */
async function signUp(
  person: { openid: string; name: string; idNumber: string; phone: string },
  options: { family?: { name: string; idNumber: string; relation: string }[]; declaredTags?: string[]; packageCodes?: string[]; community?: string } = {},
) {
  const token = await residentToken(person.openid);
  const communities = await call<{ id: string; name: string }[]>(token, 'GET', '/communities');
  const community = communities.find((c) => c.name === (options.community ?? '东关村'))!;
  const teams = await call<{ id: string; name: string; doctors: { id: string; name: string }[] }[]>(token, 'GET', `/teams?communityId=${community.id}`);
  const team = teams.find((t) => t.name === '城关镇第一家庭医生团队')!;
  const me = await call<{ id: string }>(token, 'PUT', '/me/profile', {
    name: person.name,
    idNumber: person.idNumber,
    phone: person.phone,
    communityId: community.id,
    declaredTags: options.declaredTags ?? [],
    privacyPolicyVersion: PRIVACY_POLICY_VERSION,
    sensitiveConsent: true,
  });
  const members = [];
  for (const member of options.family ?? []) members.push(await call<{ id: string }>(token, 'POST', '/me/family-members', { ...member, declaredTags: [] }));
  const agreement = await call<{ version: string }>(token, 'GET', '/agreements/current');
  const contracts = await call<{ id: string; personId: string }[]>(token, 'POST', '/contracts', {
    personIds: [me.id, ...members.map((m) => m.id)],
    teamId: team.id,
    doctorId: team.doctors.find((d) => d.name === '王建国')!.id,
    packageCodes: options.packageCodes ?? ['basicPublicHealth', 'basicMedical'],
    years: 1,
    agreementVersion: agreement.version,
    insuranceAuthorized: true,
  });
  return { token, personId: me.id, contracts };
}

/** Nothing sticks out sideways: every screen still fits the phone's width (measured once the page has finished sliding in). */
async function expectFitsWidth(page: Page) {
  await waitForPageSettled(page);
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const over = (el: Element) => (el as HTMLElement).offsetParent !== null && el.getBoundingClientRect().right > width + 1;
    // The innermost elements that stick out: their parents stick out only because of them.
    return [...document.querySelectorAll<HTMLElement>('.taro_page_show *')]
      .filter((el) => over(el) && ![...el.children].some(over))
      .map((el) => `${el.className || el.tagName}: ${el.textContent?.slice(0, 30)}`)
      .slice(0, 5);
  });
  expect(overflow).toEqual([]);
}

/** Computed font size in px of the first visible match. */
const fontSize = (page: Page, selector: string) =>
  page
    .locator(selector)
    .filter({ visible: true })
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser());
  const doctor = await staffToken('clinic1.doctor1');
  const household = await signUp(signed, { family: [{ ...spouse, relation: 'spouse' }] });
  await call(doctor, 'POST', `/staff/contracts/${household.contracts[0].id}/confirm`, { confirmedTags: [] });
  const db = await createConnection(stack.database.url);
  await db.query('UPDATE contracts SET endDate = ? WHERE id = ?', [addDays(today, 20), household.contracts[0].id]);
  const [[account]] = (await db.query('SELECT accountId FROM persons WHERE id = ?', [household.personId])) as unknown as [{ accountId: string }[]];
  await db.query(
    'INSERT INTO resident_notices (id, accountId, personId, kind, title, body, refType, refId, page, createdAt, readAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(), NULL)',
    [
      randomUUID(),
      account.accountId,
      household.personId,
      'renewalWindowOpen',
      '可以续约了',
      '您的签约将于20天后到期，现在可以续约。',
      'contract',
      household.contracts[0].id,
      `/signing/contract/index?id=${household.contracts[0].id}`,
    ],
  );
  await db.end();
  // 21 of 西关村 submitted before 马建军 and 马秀梅: the first page (20) of the pending list does not
  // reach those two, so finding them proves that search and filters work on the server's whole list.
  for (let i = 0; i < WEST.length; i += 7) {
    await Promise.all(
      [...WEST.slice(i, i + 7)].map((ch, j) =>
        signUp(
          {
            openid: `w-${i + j}-${run}`,
            name: `杨${ch}`,
            idNumber: makeIdNumber(yearsAgo(40 + i + j, '02-02'), 'female', seq),
            phone: `1391234${String(5000 + i + j)}`,
          },
          { community: '西关村' },
        ),
      ),
    );
  }
  // A second later: the list orders by submission time in whole seconds.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await signUp(pendingA, { declaredTags: ['hypertension'], packageCodes: ['basicPublicHealth', 'basicMedical', 'hypertension'] });
  await signUp(pendingB);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

it('1. a new resident: the home page leads through the steps; the privacy popup can be refused, and says what that means', async () => {
  const flow = 'sc-1-new-resident';
  const page = await openPage(browser, 'phone');
  await signInResident(page, stack.baseUrl, `new-${run}`);
  await visible(page, 'privacy-popup').waitFor();
  await shows(visible(page, 'privacy-policy-link'), '隐私保护指引');
  await snap(page, flow, '01-privacy-popup');
  await tap(page, 'privacy-policy-link');
  await shows(visible(page, 'privacy-guide'), '我们收集什么');
  await tap(page, 'privacy-refuse');
  await shows(visible(page, 'privacy-refused'), '不能在线签约');
  await snap(page, flow, '02-privacy-refused');
  await tap(page, 'privacy-refused-home');

  await visible(page, 'home').waitFor();
  const steps = visible(page, 'home-steps');
  await shows(steps, '只需四步');
  await shows(steps, '医生确认');
  // The navigation bar carries the page's title (H5 draws it too).
  await shows(page.locator('.taro-navigation-bar-title'), '首页');
  await snap(page, flow, '03-home-before-signing');
  await tap(page, 'home-profile');
  await visible(page, 'privacy-popup').waitFor();
  await page.context().close();
});

it('2. the declared groups follow sex and age, explain the sensitive ones and keep the rest behind 更多人群', async () => {
  const flow = 'sc-2-declared-groups';
  const page = await openPage(browser, 'phone');
  await signInResident(page, stack.baseUrl, `groups-${run}`);
  await visible(page, 'privacy-popup').waitFor();
  await tap(page, 'consent-sensitive');
  await tap(page, 'privacy-continue');
  await visible(page, 'profile').waitFor();
  // Steps of signing show from the first page on.
  const picker = visible(page, 'tag-picker');
  await shows(picker, '孕产妇');
  await fill(page, 'profile-id', makeIdNumber(yearsAgo(40, '03-03'), 'male', seq));
  await shows(picker, '高血压患者');
  expect(await visible(page, 'tag-maternal').count()).toBe(0);
  await shows(picker, '只有您签约的医生团队能看到');
  expect(await visible(page, 'tag-lowIncome').count()).toBe(0);
  await snap(page, flow, '01-man-40');
  await tap(page, 'tag-more');
  await visible(page, 'tag-lowIncome').waitFor();
  await fill(page, 'profile-id', makeIdNumber(yearsAgo(30, '03-03'), 'female', seq));
  await visible(page, 'tag-maternal').waitFor();
  await shows(visible(page, 'tag-maternal'), '正在怀孕');
  await snap(page, flow, '02-woman-30');
  await fill(page, 'profile-id', makeIdNumber(yearsAgo(5, '03-03'), 'female', seq));
  await page.waitForFunction(() => !document.querySelector('[data-testid="tag-maternal"]'));
  expect(await visible(page, 'tag-hypertension').count()).toBe(0);
  await snap(page, flow, '03-child-5');
  // The primary action stays at the bottom of this long page.
  const bar = await visible(page, 'bottom-bar').boundingBox();
  expect(bar!.y + bar!.height).toBeGreaterThan(page.viewportSize()!.height - 2);
  await page.context().close();
});

it("3. a signed resident: team card with 一键拨打, 续约 when due, unread notices, the grid and each member's status", async () => {
  const flow = 'sc-3-home-signed';
  const page = await openPage(browser, 'phone');
  await signInResident(page, stack.baseUrl, signed.openid);
  const team = visible(page, 'home-team');
  await shows(team.getByTestId('home-doctor'), '王建国');
  await shows(team, '有效期至');
  expect(await team.getByTestId('home-call').getAttribute('href')).toMatch(/^tel:/);
  // Confirming the contract told the resident too: the renewal notice is one of the unread ones.
  await shows(item(page, 'home-notice', '可以续约了'), '可以续约了');
  // The next due service reads as a task with a deadline, not as an appointment.
  await shows(visible(page, 'home-next-service'), '该做的服务');
  await shows(visible(page, 'home-next-service'), /请在.+前完成/);
  await shows(visible(page, 'home-family'), spouse.name);
  await shows(item(page, 'home-family-row', spouse.name), '待医生确认');
  for (const entry of ['entry-sign', 'entry-renew', 'entry-referral', 'entry-survey', 'entry-feed', 'entry-family']) await visible(page, entry).waitFor();
  // Tab bar icons: the four PNGs (81×81) load; the selected tab shows its green one.
  const icons = await page
    .locator('.weui-tabbar__icon')
    .evaluateAll((imgs) => imgs.map((img) => [(img as HTMLImageElement).naturalWidth, (img as HTMLImageElement).src]));
  expect(icons.length).toBe(4);
  for (const [width] of icons) expect(width).toBe(81);
  expect(new Set(icons.map(([, src]) => src)).size).toBe(4);
  await snap(page, flow, '01-home');

  await tap(page, 'home-renew');
  await visible(page, 'renew-sheet').waitFor();
  await snap(page, flow, '02-renew-sheet-from-home');
  // H5 back action returns home.
  await tap(page, 'renew-cancel');
  await page.locator('.taro-navigation-bar-back').filter({ visible: true }).click();
  await visible(page, 'home-team').waitFor();
  await page.context().close();
});

it('4. 长辈模式 is switched under 我的, remembered, and the main screens still fit at 360 px', async () => {
  const flow = 'sc-4-elder-mode';
  const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  page.setDefaultTimeout(15_000);
  await signInResident(page, stack.baseUrl, signed.openid);
  // The login lands on home; open 我的 only once it has (a hash change during the redirect is lost).
  await visible(page, 'home-team').waitFor();
  await open(page, stack.baseUrl, '/pages/mine/index');
  await visible(page, 'elder-mode').waitFor();
  const normal = await fontSize(page, '[data-testid="mine"]');
  await visible(page, 'elder-mode-switch').click();
  await page.waitForFunction(() => document.querySelector('.taro_page_show .page')?.getAttribute('data-elder') === 'true');
  expect(await fontSize(page, '[data-testid="mine"]')).toBeGreaterThan(normal);
  await snap(page, flow, '01-mine-elder');

  await page.reload();
  await open(page, stack.baseUrl, '/pages/index/index');
  await visible(page, 'home-team').waitFor();
  expect(await visible(page, 'home').getAttribute('data-elder')).toBe('true');
  await snap(page, flow, '02-home-elder-360');
  await expectFitsWidth(page);

  await open(page, stack.baseUrl, '/signing/contracts/index');
  await item(page, 'contract-card', signed.name).waitFor();
  await snap(page, flow, '03-contracts-elder-360');
  await expectFitsWidth(page);
  await tap(item(page, 'contract-card', signed.name), 'contract-open');
  await visible(page, 'fee-table').waitFor();
  await shows(visible(page, 'fee-explained'), '不用您掏');
  // An active contract's share is named as the share (it may be paid already), not as a bill.
  const share = await shows(visible(page, 'fee-selfpay'), `${signed.name}个人自付`);
  expect(share).not.toContain('需支付');
  await snap(page, flow, '04-contract-elder-360');
  await expectFitsWidth(page);

  await open(page, stack.baseUrl, '/signing/people/index');
  await visible(page, 'steps').waitFor();
  await shows(visible(page, 'steps'), '第1步/共5步');
  await snap(page, flow, '05-people-elder-360');
  await expectFitsWidth(page);

  await open(page, stack.baseUrl, '/signing/profile/index');
  await visible(page, 'profile-name').waitFor();
  const body = await fontSize(page, '[data-testid="profile"]');
  expect(await fontSize(page, '[data-testid="profile-name"] input')).toBeGreaterThanOrEqual(body);
  await snap(page, flow, '06-profile-elder-360');
  await expectFitsWidth(page);

  await open(page, stack.baseUrl, '/survey/waves/index');
  await visible(page, 'wave-card').first().click();
  await visible(page, 'question-form').waitFor();
  await snap(page, flow, '07-survey-elder-360');
  await expectFitsWidth(page);

  await open(page, stack.baseUrl, '/pages/mine/index');
  await visible(page, 'elder-mode-switch').click();
  await page.waitForFunction(() => document.querySelector('.taro_page_show .page')?.getAttribute('data-elder') === 'false');
  await page.close();
});

it('5. the workspace: tiles with counts, pending contracts with phone, household and a package the groups do not allow, filtered and confirmed together', async () => {
  const flow = 'sc-5-pending';
  const page = await openPage(browser, 'pc');
  await signInStaff(page, stack.baseUrl, 'clinic1.doctor1');
  const pendingTile = visible(page, 'tile-pending');
  await shows(pendingTile, /\d+/);
  await snap(page, flow, '01-tiles');
  await pendingTile.click();
  await visible(page, 'staff-pending').waitFor();
  // One page of 20, oldest first: 马建军 and 马秀梅 (submitted last) are not loaded yet.
  await shows(visible(page, 'pending-total'), '已显示 20 份');
  expect(await visible(page, 'pending-card').count()).toBe(20);
  expect(await item(page, 'pending-card', pendingA.name).count()).toBe(0);
  await shows(item(page, 'pending-card', spouse.name).getByTestId('pending-household'), `${signed.name}（已生效）`);
  await shows(item(page, 'pending-card', spouse.name).getByTestId('pending-submitted-by'), `${signed.name}代为提交`);
  // The total counts the whole list (the demo data's pending contracts too), not the page.
  const total = Number((await shows(visible(page, 'pending-total'), /共 \d+ 份待确认/)).match(/共 (\d+) 份/)![1]);
  expect(total).toBeGreaterThanOrEqual(23);
  await shows(visible(page, 'pending-more'), `加载更多（还有 ${total - 20} 份）`);
  await tap(page, 'pending-more');
  await item(page, 'pending-card', pendingB.name).waitFor();
  expect(await visible(page, 'pending-card').count()).toBe(total);
  await visible(page, 'pending-all-shown').waitFor();

  // The community filter asks the API: 西关村 has 21, one page and 加载更多.
  await visible(page, 'filter-community').filter({ hasText: '西关村' }).click();
  await shows(visible(page, 'pending-total'), '符合条件的 21 份');
  expect(await visible(page, 'pending-card').count()).toBe(20);
  await shows(visible(page, 'pending-more'), '还有 1 份');
  await snap(page, flow, '02-filter-community-paged');
  await visible(page, 'pending-filter-community').getByText('全部村/社区').click();

  // The package filter finds 马建军, submitted last, without loading the list to his page.
  await page.reload();
  await visible(page, 'staff-pending').waitFor();
  await shows(visible(page, 'pending-total'), '已显示 20 份');
  await visible(page, 'filter-package').filter({ hasText: '高血压' }).click();
  await shows(visible(page, 'pending-total'), '符合条件的 1 份');
  const a = item(page, 'pending-card', pendingA.name);
  expect(await visible(page, 'pending-card').count()).toBe(1);
  await shows(a, '东关村');
  await shows(a.getByTestId('pending-phone'), pendingA.phone);
  await shows(a, '本人提交');
  expect(await a.getByTestId('pending-mismatch').count()).toBe(0);
  await tap(a, 'confirm-tag-hypertension');
  await shows(a.getByTestId('pending-mismatch'), '高血压');
  await snap(page, flow, '03-mismatch-marked');
  await tap(a, 'confirm-tag-hypertension');
  await visible(page, 'pending-filter-package').getByText('全部服务包').click();

  // Search by name goes to the API too; the two found are confirmed together.
  await fill(page, 'pending-search', '马');
  await shows(visible(page, 'pending-total'), '符合条件的 2 份');
  await item(page, 'pending-card', pendingB.name).waitFor();
  expect(await visible(page, 'pending-card').count()).toBe(2);
  await tap(page, 'pending-select-all');
  await shows(visible(page, 'pending-confirm-selected'), '确认所选 2 份');
  await snap(page, flow, '04-searched-selected');
  await tap(page, 'pending-confirm-selected');
  await shows(visible(page, 'pending-batch-result'), '已确认 2 份');
  await item(page, 'pending-card', pendingA.name).waitFor({ state: 'detached' });
  await visible(page, 'staff-pending').getByText('没有符合条件的待确认签约').waitFor();
  await snap(page, flow, '05-confirmed-together');
  await page.context().close();
});

it('6. the survey report as clinics know it, and the phone fieldwork: call list, 错号 corrected, an interview with the age prefilled', async () => {
  const flow = 'sc-6-survey';
  const admin = await openPage(browser, 'pc');
  await signInStaff(admin, stack.baseUrl, 'clinic1.admin');
  await tap(admin, 'staff-menu-waves');
  await tap(admin, 'wave-new');
  await admin.getByTestId('wave-questionnaire-option').first().click();
  const title = `回访名单-${seq}`;
  await fill(admin, 'wave-title', title);
  await tap(admin, 'wave-scope-institution');
  await fill(admin, 'wave-sample', '50');
  await tap(admin, 'wave-create');
  await item(admin, 'staff-wave-card', title).waitFor();

  const doctor = await openPage(browser, 'pc');
  await signInStaff(doctor, stack.baseUrl, 'clinic1.doctor1');
  await tap(doctor, 'staff-menu-waves');
  await tap(item(doctor, 'staff-wave-card', title), 'wave-fieldwork');
  const row = item(doctor, 'call-row', signed.name);
  await shows(row, '71岁');
  await shows(row, '***');
  await snap(doctor, flow, '01-call-list');
  await tap(row, 'call-start');
  await visible(doctor, 'call-panel').waitFor();
  expect(await visible(doctor, 'call-dial').getAttribute('href')).toBe(`tel:${signed.phone}`);
  await tap(doctor, 'outcome-wrongNumber');
  await visible(doctor, 'correct-phone').waitFor();
  await fill(doctor, 'correct-phone-input', '13912340099');
  await snap(doctor, flow, '02-wrong-number');
  await tap(doctor, 'correct-phone-save');
  await shows(item(doctor, 'call-row', signed.name), '13912340099');
  await tap(item(doctor, 'call-row', signed.name), 'call-start');
  await tap(doctor, 'outcome-connected');
  await visible(doctor, 'question-form').waitFor();
  expect(await visible(doctor, 'option-D').getAttribute('data-checked')).toBe('true');
  await snap(doctor, flow, '03-interview-age-prefilled');
  for (let n = 1; n <= 13; n++) {
    await shows(visible(doctor, 'survey-progress'), `第${n}题/共13题`);
    if (n === 13) {
      // A textarea types at body size at least (it used to render at the browser's ~13 px).
      expect(await fontSize(doctor, '[data-testid="survey-text"] textarea')).toBeGreaterThanOrEqual(17);
      await fill(doctor, 'survey-text', '希望周末也能看病');
    } else if (n !== 1) {
      await tap(doctor, 'option-A');
    }
    await tap(doctor, n === 13 ? 'survey-submit' : 'next');
  }
  await shows(item(doctor, 'call-row', signed.name), '已完成回访');
  await snap(doctor, flow, '04-call-list-after');
  await doctor.context().close();

  await open(admin, stack.baseUrl, '/staff/waves/index');
  await admin.reload();
  await tap(item(admin, 'staff-wave-card', title), 'wave-report');
  await shows(visible(admin, 'report-respondents'), /有效答卷\s*1\s*份/);
  await shows(visible(admin, 'report-channels'), '电话回访 1份');
  await shows(visible(admin, 'report-response-rate'), '应答率');
  const satisfaction = visible(admin, 'indicator-card').filter({ hasText: '满意率' });
  await shows(satisfaction.getByTestId('indicator-definition'), '÷');
  await shows(satisfaction.getByTestId('small-sample'), '样本量不足');
  await snap(admin, flow, '05-report-indicators');
  await tap(admin, 'report-tab-questions');
  await shows(visible(admin, 'question-chart').first(), '本题有效填写人次');
  await shows(visible(admin, 'text-answer'), '希望周末也能看病');
  await snap(admin, flow, '06-report-questions');
  await tap(admin, 'report-tab-breakdowns');
  await tap(admin, 'breakdown-ageBand');
  await visible(admin, 'breakdown-row').first().waitFor();
  await snap(admin, flow, '07-report-breakdowns');
  await tap(admin, 'report-tab-crosstab');
  await visible(admin, 'crosstab-table').waitFor();
  await snap(admin, flow, '08-report-crosstab');
  await admin.context().close();
});

it('7. the region admin edits the policy and a package on screens', async () => {
  const flow = 'sc-7-region';
  const page = await openPage(browser, 'pc');
  await signInStaff(page, stack.baseUrl, 'region.admin');
  await tap(page, 'staff-menu-policy');
  await visible(page, 'policy-form').waitFor();
  await fill(page, 'policy-renewal-window', '45');
  await snap(page, flow, '01-policy');

  // A subsidy from 65: typed in 元, checked on screen in Chinese, saved in whole 分, its effect told.
  await tap(page, 'subsidy-add');
  const subsidy = visible(page, 'subsidy').last();
  await shows(subsidy.getByTestId('subsidy-name-error'), '请填写补助名称');
  await tap(page, 'policy-save');
  await shows(visible(page, 'policy-problem'), '第1项补助：请填写补助名称');
  await fill(subsidy, 'subsidy-name', '65岁及以上老人签约补助');
  await fill(subsidy, 'subsidy-amount', '12.5');
  await fill(subsidy.getByTestId('subsidy-payer').first(), 'subsidy-payer-amount', '10');
  await shows(visible(subsidy, 'subsidy-payers-error'), '各承担方合计 10.00 元，应等于补助金额 12.50 元');
  await tap(subsidy, 'subsidy-payer-add');
  await fill(subsidy.getByTestId('subsidy-payer').last(), 'subsidy-payer-name', '市级财政');
  await fill(subsidy.getByTestId('subsidy-payer').last(), 'subsidy-payer-amount', '2.5');
  await shows(visible(subsidy, 'subsidy-effect'), '年满65岁的居民');
  await shows(visible(subsidy, 'subsidy-effect'), '县级财政 10.00 元、市级财政 2.50 元');
  // Priced by the domain's quote: 65 with the basic and the elderly packages pays 25.00 yuan, 12.50 with the subsidy.
  await shows(visible(subsidy, 'subsidy-example'), '个人自付由 25.00 元变为 12.50 元，少付 12.50 元');
  await shows(subsidy, '按 1250 分保存');
  await snap(page, flow, '01b-subsidy');
  await tap(page, 'policy-save');
  await visible(page, 'policy-problem').waitFor({ state: 'detached' });
  await page.reload();
  await visible(page, 'policy-form').waitFor();
  expect(await visible(page, 'policy-renewal-window').locator('input').inputValue()).toBe('45');
  const saved = await call<{ subsidies: unknown[] }>(await staffToken('region.admin'), 'GET', '/staff/policies');
  expect(saved.subsidies).toEqual([
    {
      name: '65岁及以上老人签约补助',
      minAge: 65,
      amount: 1250,
      payers: [
        { payer: '县级财政', amount: 1000 },
        { payer: '市级财政', amount: 250 },
      ],
    },
  ]);
  expect(await visible(page, 'subsidy-amount').locator('input').inputValue()).toBe('12.50');
  // Removed again, so that the other flows price without it.
  await tap(page, 'subsidy-remove');
  await tap(page, 'policy-save');
  for (let tries = 0; (await call<{ subsidies: unknown[] }>(await staffToken('region.admin'), 'GET', '/staff/policies')).subsidies.length > 0; tries++) {
    if (tries > 50) throw new Error('the subsidy was not removed');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  await open(page, stack.baseUrl, '/staff/packages/index');
  await page.reload();
  const elderly = item(page, 'package-card', '老年人');
  await shows(elderly, '每年合计');
  await snap(page, flow, '02-packages');
  await tap(elderly, 'package-edit');
  await visible(page, 'package-form').waitFor();
  await fill(page, 'package-description', '65岁及以上老人的健康管理（screens测试修改）');
  await snap(page, flow, '03-package-form');
  await tap(page, 'package-save');
  await visible(page, 'package-form').waitFor({ state: 'detached' });
  await snap(page, flow, '04-package-saved');
  await page.context().close();
});
