// The evaluation dashboard on a PC: a clinic admin enters the population figures of a village,
// opens the dashboard, sees a missed target (the elders' health checks), drills down to the
// residents behind it and exports the 进展情况统计表. The signed residents are arranged through the API.
import ExcelJS from 'exceljs';
import { Browser, Page } from 'playwright-core';
import { makeIdNumber, PRIVACY_POLICY_VERSION, todayInChina } from '../libs/domain/src';
import type { Stack } from './support/stack';
import { openPage, snap, startStackAndBrowser } from './support/browser';
import { apiOf, signInStaff } from './support/sign-in';
import { item, shows, tap, visible } from './support/ui';

jest.setTimeout(180_000);

const today = todayInChina(new Date());
const year = Number(today.slice(0, 4));
const seq = 1 + Math.floor(Math.random() * 400);
const run = `${seq}-${Date.now()}`;
const flow = 'dashboard';

/** Three signed elders of 东关村 without a health check this year, and one younger resident. */
const elders = [
  { name: '马秀英', birthDate: `${year - 72}-03-15`, gender: 'female' as const },
  { name: '高德福', birthDate: `${year - 80}-10-02`, gender: 'male' as const },
  { name: '何桂兰', birthDate: `${year - 67}-01-20`, gender: 'female' as const },
];
const younger = { name: '罗建军', birthDate: `${year - 45}-06-06`, gender: 'male' as const };

let stack: Stack;
let browser: Browser;
let admin: Page;

const { call, residentToken, staffToken } = apiOf(() => stack.baseUrl);

/** A resident of 东关村 signed with 城关镇第一家庭医生团队 and confirmed by the clinic admin. */
async function signed(person: { name: string; birthDate: string; gender: 'male' | 'female' }, i: number, staff: string) {
  const token = await residentToken(`dash-${run}-${i}`);
  const communities = await call<{ id: string; name: string }[]>(token, 'GET', '/communities');
  const village = communities.find((c) => c.name === '东关村')!;
  const teams = await call<{ id: string; name: string }[]>(token, 'GET', `/teams?communityId=${village.id}`);
  const team = teams.find((t) => t.name === '城关镇第一家庭医生团队')!;
  const me = await call<{ id: string }>(token, 'PUT', '/me/profile', {
    name: person.name,
    idNumber: makeIdNumber(person.birthDate, person.gender, seq + i),
    phone: `1381234${String(1000 + i)}`,
    communityId: village.id,
    declaredTags: [],
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
  await call(staff, 'POST', `/staff/contracts/${contract.id}/confirm`, { confirmedTags: [] });
}

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser());
  const staff = await staffToken('clinic1.admin');
  for (const [i, person] of [...elders, younger].entries()) await signed(person, i, staff);
  admin = await openPage(browser, 'pc');
  await signInStaff(admin, stack.baseUrl, 'clinic1.admin');
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

it('1. the clinic admin enters the population of 东关村 for the year', async () => {
  const page = admin;
  await tap(page, 'staff-menu-dashboard');
  await visible(page, 'staff-dashboard').waitFor();
  await tap(page, 'dashboard-populations');
  await visible(page, 'staff-populations').waitFor();
  await shows(visible(page, 'population-year'), `${year}年`);
  const form = item(page, 'population-form', '东关村');
  await form.getByTestId('population-residents').locator('input').fill('120');
  await form.getByTestId('population-elderly65').locator('input').fill('30');
  await form.getByTestId('population-hypertension').locator('input').fill('200');
  await snap(page, flow, '01-population-entry');
  await tap(form, 'population-save');
  // A key group larger than the population is refused, with the reason under the field.
  await shows(form.getByTestId('population-hypertension-error'), '重点人群人数不能多于常住人口');
  await snap(page, flow, '02-population-refused');
  await form.getByTestId('population-hypertension').locator('input').fill('18');
  await tap(form, 'population-save');
  await shows(item(page, 'population-form', '东关村'), '更新于');
  await snap(page, flow, '03-population-saved');
});

it('2. the dashboard shows the missed health-check target, scores and the team table', async () => {
  const page = admin;
  await page.goBack();
  await visible(page, 'staff-dashboard').waitFor();
  await page.reload();
  await shows(visible(page, 'dashboard-area'), '城关镇卫生院');
  const check = visible(page, 'indicator-healthCheck');
  await shows(check, '未达标');
  expect(await check.getAttribute('data-missed')).toBe('true');
  await shows(check.getByTestId('indicator-value'), '0.0%');
  await shows(check, '年内已体检的签约老年人 0 / 签约的65岁及以上老年人 3');
  await shows(visible(page, 'indicator-signing'), '签约居民 4 / 常住人口 120');
  await shows(visible(page, 'indicator-keyGroupSigning.elderly65'), '3 / 65岁及以上老年人人数 30');
  await shows(visible(page, 'indicator-keyGroupSigning.diabetes2'), '不计分');
  await visible(page, 'units-table').waitFor();
  await visible(page, 'units-chart').locator('canvas').waitFor();
  await snap(page, flow, '04-dashboard');
});

it('3. drills down to the elders without a health check and exports the list', async () => {
  const page = admin;
  await tap(page, 'indicator-healthCheck');
  await visible(page, 'staff-indicator').waitFor();
  await shows(visible(page, 'people-title'), '尚未体检的签约老年人：3 人');
  const names = await visible(page, 'person-row').locator('.person__name').allTextContents();
  expect(names.sort()).toEqual(elders.map((e) => e.name).sort());
  expect(await visible(page, 'people-list').textContent()).not.toContain(younger.name);
  await visible(page, 'trend-chart').locator('canvas').waitFor();
  await snap(page, flow, '05-drill-down');
  const [download] = await Promise.all([page.waitForEvent('download'), tap(page, 'people-export')]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await streamToBuffer(await download.createReadStream())) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  expect(rows[0][0]).toBe('65岁签约老年人查体率：尚未体检的签约老年人（共 3 人）');
  expect(
    rows
      .slice(2)
      .map((r) => r[1])
      .sort(),
  ).toEqual(elders.map((e) => e.name).sort());
});

it('4. exports the 进展情况统计表 with numerator and denominator beside each rate', async () => {
  const page = admin;
  await page.goBack();
  await visible(page, 'staff-dashboard').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), tap(page, 'dashboard-download')]);
  expect(download.suggestedFilename()).toContain('进展情况统计表');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await streamToBuffer(await download.createReadStream())) as unknown as ArrayBuffer);
  expect(book.worksheets.map((s) => s.name)).toEqual(['城关镇卫生院', '城关镇第一家庭医生团队', '城关镇第二家庭医生团队']);
  const rows: unknown[][] = [];
  book.worksheets[1].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  expect(rows[0][0]).toBe('家庭医生签约服务工作进展情况统计表');
  const check = rows.find((r) => r[2] === '65岁签约老年人查体率')!;
  expect(check.slice(3, 6)).toEqual([0, 3, 0]);
  expect(check[12]).toBe('未达标');
  const signing = rows.find((r) => r[2] === '全人群签约率')!;
  expect(signing.slice(3, 5)).toEqual([4, 120]);
  await snap(page, flow, '06-after-export');
});

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
