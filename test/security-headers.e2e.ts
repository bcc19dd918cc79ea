// The H5 build served by the API under its security headers: the content security policy lets the
// build's own scripts, styles, fonts and images run (no violation reported by the browser), and a
// resident can still sign in and reach the privacy page.
import { Browser, Page } from 'playwright-core';
import type { Stack } from './support/stack';
import { openPage, snap, startStackAndBrowser } from './support/browser';
import { signInResident } from './support/sign-in';
import { shows } from './support/ui';

jest.setTimeout(180_000);

let stack: Stack;
let browser: Browser;
let page: Page;
const violations: string[] = [];

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser());
  page = await openPage(browser, 'phone');
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

it('serves the H5 build with a content security policy it runs under without a violation', async () => {
  const response = await page.goto(`${stack.baseUrl}/`);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
  expect(response?.headers()['x-content-type-options']).toBe('nosniff');

  await signInResident(page, stack.baseUrl, `csp-${Date.now()}`, () => snap(page, 'security-headers', '01-login-under-csp'));
  await page.getByTestId('privacy').waitFor();
  await shows(page.getByTestId('privacy'), '隐私保护指引');
  await snap(page, 'security-headers', '02-privacy-under-csp');
  expect(violations).toEqual([]);
});
