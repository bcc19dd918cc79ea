import { Locator, Page } from 'playwright-core';

/** The H5 build uses the hash router: `#/signing/profile/index`. */
export function open(page: Page, baseUrl: string, route: string): Promise<unknown> {
  return page.goto(`${baseUrl}/#${route}`);
}

/**
 * The visible elements with a test id. Taro's H5 router keeps the pages below in the stack in the
 * DOM, hidden, so a test id can match the page a person sees and the ones behind it.
 */
export function visible(scope: Page | Locator, testId: string): Locator {
  return scope.getByTestId(testId).filter({ visible: true });
}

export async function tap(scope: Page | Locator, testId: string): Promise<void> {
  await visible(scope, testId).first().click();
}

/** Waits until `locator` shows `text` (a person reads the screen, not the network). */
export async function shows(locator: Locator, text: string | RegExp, timeout = 15_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const content =
      (await locator
        .first()
        .textContent({ timeout })
        .catch(() => null)) ?? '';
    if (typeof text === 'string' ? content.includes(text) : text.test(content)) return content;
    if (Date.now() - started > timeout) throw new Error(`expected ${locator} to show ${text}, it shows: ${content.slice(0, 400)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** The item of a repeated test id (`team-option`, `pending-card`, …) that shows `text`. */
export function item(scope: Page | Locator, testId: string, text: string | RegExp): Locator {
  return visible(scope, testId).filter({ hasText: text });
}
