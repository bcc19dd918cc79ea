// A clinic admin publishes a health push for hypertension patients in the workspace; a resident
// with hypertension sees it in 资讯 (unread), opens it, and the admin's stats show one read; a
// resident without hypertension does not see it.
import { Browser, Page } from 'playwright-core';
import { makeIdNumber } from '../libs/domain/src';
import type { Stack } from './support/stack';
import { fill, openPage, snap, startStackAndBrowser } from './support/browser';
import { apiOf, signInResident, signInStaff } from './support/sign-in';
import { item, open, shows, tap, visible } from './support/ui';

jest.setTimeout(240_000);

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
const title = '冬季高血压患者请坚持每天测血压';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser());
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** A resident registered through the API (the signing screens have their own tests), then signed in in the browser. */
async function residentInBrowser(openid: string, name: string, declaredTags: string[], seq: number, signs = false): Promise<Page> {
  const auth = { authorization: `Bearer ${await apiOf(() => stack.baseUrl).residentToken(openid)}`, 'content-type': 'application/json' };
  const communities = await (await fetch(`${stack.baseUrl}/api/communities`, { headers: auth })).json();
  const profile = await fetch(`${stack.baseUrl}/api/me/profile`, {
    method: 'PUT',
    headers: auth,
    body: JSON.stringify({
      name,
      idNumber: makeIdNumber('1960-03-15', 'male', seq),
      phone: '13912345678',
      communityId: communities.find((c: { name: string }) => c.name === '东关村').id,
      declaredTags,
      privacyPolicyVersion: '2026-11',
      sensitiveConsent: true,
    }),
  });
  expect(profile.status).toBe(200);
  if (signs) {
    const person = await profile.json();
    const [team] = await (await fetch(`${stack.baseUrl}/api/teams?communityId=${person.communityId}`, { headers: auth })).json();
    const agreement = await (await fetch(`${stack.baseUrl}/api/agreements/current`, { headers: auth })).json();
    const signed = await fetch(`${stack.baseUrl}/api/contracts`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        personIds: [person.id],
        teamId: team.id,
        packageCodes: ['basicPublicHealth', 'basicMedical'],
        years: 1,
        agreementVersion: agreement.version,
        insuranceAuthorized: true,
      }),
    });
    expect(signed.status).toBe(201);
  }
  const page = await openPage(browser, 'phone');
  await signInResident(page, stack.baseUrl, openid);
  return page;
}

it('an admin publishes for hypertension patients; only they see it, and opening it shows in the stats', async () => {
  const flow = 'pushes';
  const patient = await residentInBrowser(`e2e-bp-${run}`, '张建华', ['hypertension'], 101);
  const other = await residentInBrowser(`e2e-none-${run}`, '赵丽', [], 102);

  const admin = await openPage(browser, 'pc');
  await signInStaff(admin, stack.baseUrl, 'clinic1.admin');
  await snap(admin, flow, '01-staff-home');
  await tap(admin, 'staff-menu-pushes');
  await admin.getByTestId('outreach-pushes').waitFor();
  await tap(admin, 'outreach-new');
  await admin.getByTestId('outreach-compose').waitFor();
  await fill(admin, 'compose-title', title);
  await fill(admin, 'compose-summary', '天冷血压容易升高，早晚各测一次，按时服药。');
  await fill(
    admin,
    'compose-body',
    '## 为什么冬天要多测血压\n气温低，血管收缩，血压容易升高。\n## 怎么做\n- 早晚各测一次，记下来\n- **不要自行停药**\n- 头晕头痛及时找家庭医生',
  );
  await tap(admin, 'compose-tag-hypertension');
  await tap(admin, 'compose-count');
  await shows(visible(admin, 'compose-audience-count'), '预计推送给 1 位居民');
  await shows(visible(admin, 'compose-preview'), '不要自行停药');
  await snap(admin, flow, '02-compose-with-preview');
  await tap(admin, 'compose-publish');
  await visible(admin, 'outreach-pushes').waitFor();
  const card = item(admin, 'outreach-push-card', title);
  await shows(card, '推送 1 人');
  await shows(card, '已读 0 人');
  await snap(admin, flow, '03-push-list');

  await open(patient, stack.baseUrl, '/pages/feed/index');
  const feedCard = item(patient, 'feed-card', title);
  await shows(feedCard, '未读');
  await snap(patient, flow, '04-patient-feed-unread');
  await feedCard.click();
  await shows(visible(patient, 'news-title'), title);
  await shows(visible(patient, 'news-body'), '不要自行停药');
  await snap(patient, flow, '05-patient-reads');

  await open(other, stack.baseUrl, '/pages/feed/index');
  await shows(visible(other, 'feed'), '暂无推送');
  expect(await item(other, 'feed-card', title).count()).toBe(0);
  await snap(other, flow, '06-other-resident-empty');

  await open(admin, stack.baseUrl, '/outreach/pushes/index');
  await shows(item(admin, 'outreach-push-card', title), '已读 1 人');
  await tap(item(admin, 'outreach-push-card', title), 'outreach-stats');
  await shows(visible(admin, 'stats-read'), '1');
  await shows(visible(admin, 'stats-read'), '100');
  await shows(visible(admin, 'stats-by-group'), '高血压患者');
  await shows(visible(admin, 'stats-templates'), '健康资讯提醒');
  await snap(admin, flow, '07-stats-one-read');
});

it('a signed resident complains about follow-up; the clinic takes it on and closes it with a reply the resident reads', async () => {
  const flow = 'feedback';
  const resident = await residentInBrowser(`e2e-fb-${run}`, '钱桂兰', [], 103, true);
  await open(resident, stack.baseUrl, '/pages/mine/index');
  await tap(resident, 'mine-feedback');
  await visible(resident, 'feedback').waitFor();
  await tap(resident, 'feedback-kind-complaint');
  await tap(resident, 'feedback-category-followUp');
  await fill(resident, 'feedback-text', '签约时说每季度随访一次，已经半年没有医生联系我了。');
  await snap(resident, flow, '01-resident-writes');
  await tap(resident, 'feedback-send');
  await shows(item(resident, 'feedback-card', '半年没有医生联系我'), '待处理');

  const admin = await openPage(browser, 'pc');
  await signInStaff(admin, stack.baseUrl, 'clinic1.admin');
  await tap(admin, 'staff-menu-feedback');
  const card = item(admin, 'staff-feedback-card', '半年没有医生联系我');
  await shows(card, '钱桂兰');
  await shows(card, '已等待 0 天');
  await tap(card, 'staff-feedback-take');
  await tap(admin, 'staff-feedback-filter-inProgress');
  const taken = item(admin, 'staff-feedback-card', '半年没有医生联系我');
  await shows(taken, '处理中');
  await fill(taken, 'staff-feedback-reply', '已安排王建国医生本周上门随访，之后每季度电话提醒您。');
  await snap(admin, flow, '02-staff-replies');
  await tap(taken, 'staff-feedback-close');
  // Closed, it leaves the 处理中 list.
  await shows(visible(admin, 'state-empty'), '没有这类反馈');
  await tap(admin, 'staff-feedback-filter-closed');
  await shows(item(admin, 'staff-feedback-card', '半年没有医生联系我'), '0 天办结');
  await snap(admin, flow, '03-staff-closed');

  await open(resident, stack.baseUrl, '/news/notices/index');
  await shows(item(resident, 'notice-card', '您的反馈有了回复'), '已安排王建国医生本周上门随访');
  await snap(resident, flow, '04-resident-notice');
  await open(resident, stack.baseUrl, '/news/feedback/index');
  await shows(item(resident, 'feedback-card', '半年没有医生联系我'), '已办结');
  await shows(item(resident, 'feedback-card', '半年没有医生联系我'), '答复：已安排王建国医生');
  await snap(resident, flow, '05-resident-reads-answer');
});
