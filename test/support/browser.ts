import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

export const ARTIFACTS = join(__dirname, '../artifacts');

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--user-data-dir=${mkdtempSync(join(tmpdir(), 'jiayi-chromium-'))}`,
    ],
  });
}

/** A phone-sized page (the mini-program's world) or a PC-sized one (the staff workspace). */
export async function openPage(browser: Browser, kind: 'phone' | 'pc' = 'phone'): Promise<Page> {
  const context = await browser.newContext(
    kind === 'phone' ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'zh-CN' } : { viewport: { width: 1280, height: 860 }, locale: 'zh-CN' },
  );
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Saves a full-page screenshot under test/artifacts/<flow>/<nn>-<step>.png. */
export async function snap(page: Page, flow: string, step: string): Promise<string> {
  const dir = join(ARTIFACTS, flow);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${step}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Types into a Taro <Input>: the real <input> sits inside <taro-input-core>. */
export async function fill(page: Page, testId: string, value: string): Promise<void> {
  const host = page.getByTestId(testId);
  const inner = host.locator('input, textarea');
  const target = (await inner.count()) > 0 ? inner.first() : host;
  await target.fill(value);
}
