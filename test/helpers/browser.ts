import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Browser tests need Debian's Chromium; without it they are skipped with a message. */
export function hasChromium(): boolean {
  const found = existsSync(CHROMIUM_PATH);
  if (!found && !warned) {
    warned = true;
    console.warn(`[browser tests] skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium fonts-wqy-microhei)`);
  }
  return found;
}
let warned = false;

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"];

/**
 * Waits until the element's own finite animations and those of its subtree have finished
 * (an antd dialog zooming in, a picker sliding down). A click while something still moves
 * aims at where it was a frame ago; on a loaded machine that can be beside the target.
 * This waits on the animations themselves (the Web Animations API), not on time.
 */
export async function settled(locator: { evaluate<R>(fn: (el: Element) => R | Promise<R>): Promise<R> }): Promise<void> {
  await locator.evaluate((element) =>
    Promise.all(
      element
        .getAnimations({ subtree: true })
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ).then(() => undefined),
  );
}

/**
 * axe-core on the page as it is now: no serious or critical violation (the issues' bar for the
 * portal). `what` names the page in the failure, with each rule and the elements it found.
 */
export async function expectAccessible(page: Page, what = 'page'): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  // axe looked at the page: an empty run would pass vacuously.
  expect(results.passes.length, `${what}: axe checked nothing`).toBeGreaterThan(10);
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${what}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
