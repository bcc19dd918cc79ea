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
 * Waits until the page a person sees has arrived: Taro's H5 router lays a page pushed by
 * navigateTo out off screen and slides it in (a CSS transition on the page element), then marks
 * it `taro_page_show taro_page_stationed`; a page left by a back or a tab switch slides out over
 * the one below. Settled means: no visible page has an animation running, each is at the left
 * edge or wholly off screen, one shown page is at the left edge, and all of them are in the same
 * place on two frames in a row. Throws if that does not happen within `timeout`.
 */
export async function waitForPageSettled(page: Page, timeout = 15_000): Promise<void> {
  // Polled on every animation frame; the places seen on the previous frame are kept on `window`.
  await page.waitForFunction(
    () => {
      const memory = window as unknown as { __settledAt?: string };
      const pages = [...document.querySelectorAll<HTMLElement>('.taro_page')].filter((p) => getComputedStyle(p).display !== 'none');
      if (pages.length === 0) return true;
      const lefts = pages.map((p) => Math.round(p.getBoundingClientRect().left));
      const places = pages.map((p, i) => `${p.id}@${lefts[i]}`).join(' ');
      const previous = memory.__settledAt;
      memory.__settledAt = places;
      const moving = pages.some((p) => p.getAnimations().some((a) => a.playState === 'running' || a.pending));
      const inPlace = lefts.every((left) => Math.abs(left) < 1 || left >= window.innerWidth - 1);
      const arrived = pages.some((p, i) => Math.abs(lefts[i]) < 1 && p.matches('.taro_page_show.taro_page_stationed, .taro_page_show.taro_tabbar_page'));
      return !moving && inPlace && arrived && previous === places;
    },
    undefined,
    { timeout, polling: 'raf' },
  );
}

/**
 * Saves a screenshot of the whole current screen under test/artifacts/<flow>/<step>.png, once the
 * page has finished sliding in (`waitForPageSettled`). Taro's H5 pages scroll inside their own
 * `.taro_page` box, not the document, so the viewport is stretched to the page's height (below
 * the navigation bar, above the tab bar) for the shot and put back after.
 */
export async function snap(page: Page, flow: string, step: string): Promise<string> {
  const dir = join(ARTIFACTS, flow);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${step}.png`);
  const viewport = page.viewportSize();
  await waitForPageSettled(page);
  const contentHeight = await page.evaluate(() => {
    // The page on screen: shown, at the left edge (one that slid out is off to the right).
    const pages = [...document.querySelectorAll<HTMLElement>('.taro_page')].filter(
      (p) => getComputedStyle(p).display !== 'none' && Math.abs(p.getBoundingClientRect().left) < 1,
    );
    const top = pages[pages.length - 1];
    const tabBar = document.querySelector<HTMLElement>('.taro-tabbar__tabbar');
    return top ? Math.ceil(top.getBoundingClientRect().top) + top.scrollHeight + (tabBar ? tabBar.offsetHeight : 0) : 0;
  });
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
