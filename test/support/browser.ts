import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import { Stack, startStack } from './stack';

export const ARTIFACTS = join(__dirname, '../artifacts');

/**
 * Debian's Chromium, headless, with the flags this machine's closed network needs. Playwright gives
 * each launch a fresh profile of its own (it refuses a `--user-data-dir` argument).
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A phone-sized page (the mini-program's world) or a PC-sized one (the staff workspace). */
export async function openPage(browser: Browser, kind: 'phone' | 'pc' = 'phone'): Promise<Page> {
  const context = await browser.newContext(
    kind === 'phone'
      ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'zh-CN' }
      : { viewport: { width: 1280, height: 860 }, locale: 'zh-CN' },
  );
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/**
 * Saves a screenshot of the whole current screen under test/artifacts/<flow>/<step>.png. Taro's H5
 * pages scroll inside their own `.taro_page` box, not the document, so the viewport is stretched to
 * the page's height for the shot and put back after.
 */
export async function snap(page: Page, flow: string, step: string): Promise<string> {
  const dir = join(ARTIFACTS, flow);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${step}.png`);
  const viewport = page.viewportSize();
  // A page pushed by navigateTo is laid out off screen, then slides in and is marked
  // `taro_page_show taro_page_stationed` once it has arrived: shoot the top page then.
  const topPage = () => {
    const shown = [...document.querySelectorAll<HTMLElement>('.taro_page')].filter((p) => getComputedStyle(p).display !== 'none');
    return shown[shown.length - 1];
  };
  await page
    .waitForFunction(`(${topPage})()?.matches('.taro_page_show.taro_page_stationed, .taro_page_show.taro_tabbar_page')`, undefined, { timeout: 5_000 })
    .catch(() => undefined);
  const contentHeight = (await page.evaluate(`(() => {
    const top = (${topPage})();
    const tabBar = document.querySelector('.taro-tabbar__tabbar');
    return top ? top.scrollHeight + (tabBar ? tabBar.offsetHeight : 0) : 0;
  })()`)) as number;
  const tall = viewport && contentHeight > viewport.height;
  if (tall) await page.setViewportSize({ width: viewport.width, height: Math.min(contentHeight, 12_000) });
  try {
    await page.screenshot({ path, fullPage: true });
  } finally {
    if (tall) await page.setViewportSize(viewport);
  }
  return path;
}

/**
 * Types into a Taro <Input>/<Textarea>: the real element sits inside <taro-input-core> /
 * <taro-textarea-core>, which renders it a moment after the host appears.
 */
export async function fill(scope: Page | Locator, testId: string, value: string): Promise<void> {
  const inner = scope.getByTestId(testId).locator('input, textarea').first();
  await inner.waitFor({ state: 'attached' });
  await inner.fill(value);
}

/**
 * The stack and the browser started side by side; if the browser cannot start, the stack is
 * stopped again so no API process or database is left behind.
 */
export async function startStackAndBrowser(): Promise<{ stack: Stack; browser: Browser }> {
  const starting = startStack();
  const browser = await launchBrowser().catch(async (error) => {
    await (await starting).close();
    throw error;
  });
  return { stack: await starting, browser };
}
