// A resident withdraws the separate consent, sees what it means, gives it again, then closes the
// account: the screens a resident of 70 reads before a step that cannot be undone.
import { Browser, Page } from 'playwright-core';
import { makeIdNumber, todayInChina } from '../libs/domain/src';
import type { Stack } from './support/stack';
import { fill, openPage, snap, startStackAndBrowser } from './support/browser';
import { signInResident } from './support/sign-in';
import { item, open, shows, tap, visible } from './support/ui';

jest.setTimeout(240_000);

const seq = 1 + Math.floor(Math.random() * 400);
const birthDate = `${Number(todayInChina(new Date()).slice(0, 4)) - 68}-03-09`;
const self = { name: '张桂兰', idNumber: makeIdNumber(birthDate, 'female', seq), phone: '13712345678' };

/** Taro's H5 showModal dialog, and its 确定 button. */
const modal = (page: Page) => page.locator('.taro-modal__content').filter({ visible: true });
const modalShown = (page: Page) =>
  page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLElement>('.taro__modal')].some((m) => m.style.display !== 'none' && getComputedStyle(m).opacity === '1'),
  );
const confirmModal = (page: Page) => modal(page).locator('.taro-model__confirm').click();

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser());
  page = await openPage(browser, 'phone');
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

it('withdraws the separate consent, then gives it again, then closes the account', async () => {
  const flow = 'privacy-rights';
  await signInResident(page, stack.baseUrl, `e2e-rights-${seq}-${Date.now()}`);
  await page.getByTestId('privacy').waitFor();
  await tap(page, 'consent-sensitive');
  await tap(page, 'privacy-continue');
  await page.getByTestId('profile').waitFor();
  await fill(page, 'profile-name', self.name);
  await fill(page, 'profile-id', self.idNumber);
  await fill(page, 'profile-phone', self.phone);
  await item(page, 'community-option', '东关村').click();
  await tap(page, 'profile-save');
  await page.waitForFunction(() => !location.hash.includes('/signing/profile'));

  await open(page, stack.baseUrl, '/pages/mine/index');
  await tap(page, 'mine-rights');
  await shows(visible(page, 'rights-consent'), '您已同意');
  await snap(page, flow, '01-rights');
  await tap(page, 'rights-withdraw');
  await shows(modal(page), '撤回后不能再办理新的签约业务');
  await modalShown(page);
  await snap(page, flow, '02-withdraw-confirm');
  await confirmModal(page);
  await shows(visible(page, 'rights-withdrawn'), '不能办理新的签约业务');
  await snap(page, flow, '03-withdrawn');

  await tap(page, 'rights-consent-again');
  await page.getByTestId('privacy').waitFor();
  await tap(page, 'consent-sensitive');
  await tap(page, 'privacy-continue');
  await visible(page, 'profile').waitFor();
  // The profile asks for the ID number and phone again (never sent back in full).
  await fill(page, 'profile-id', self.idNumber);
  await fill(page, 'profile-phone', self.phone);
  await snap(page, flow, '04-profile-again');
  await tap(page, 'profile-save');
  // Saving goes back to where the resident came from: this page, now showing the consent again.
  await page.waitForFunction(() => location.hash.includes('/account/rights'));
  await shows(visible(page, 'rights-consent'), '您已同意');
  await tap(page, 'rights-close-account');
  await shows(modal(page), '注销后无法恢复');
  await modalShown(page);
  await snap(page, flow, '05-close-confirm');
  await confirmModal(page);
  await shows(visible(page, 'rights-closed'), '您的账号已注销');
  await snap(page, flow, '06-closed');

  await tap(page, 'rights-home');
  // reLaunch is asynchronous: let it land on the home page before going to 我的, or it lands after.
  await visible(page, 'home').waitFor();
  await open(page, stack.baseUrl, '/pages/mine/index');
  await visible(page, 'mine').waitFor();
  expect(await visible(page, 'mine-rights').count()).toBe(0);
  await snap(page, flow, '07-mine-signed-out');
});
