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
 * Waits until the element has stopped moving: first until neither it nor any ancestor carries
 * an entering motion class (antd's rc-motion sets `…-appear-start`/`…-enter-start` a frame
 * before the CSS animation exists, and runs it on the popup's root, above a tooltip's inner
 * element), then until the finite animations of the element, its subtree and its ancestors
 * have finished (an antd dialog zooming in, a confirmation sliding open). A click while
 * something still moves aims at where it was a frame ago; on a loaded machine that can be
 * beside the target. This waits on the classes and animations themselves, not on time.
 */
export async function settled(locator: { evaluate<R>(fn: (el: Element) => R | Promise<R>): Promise<R> }): Promise<void> {
  await locator.evaluate(
    (element) =>
      new Promise<void>((resolve) => {
        const moving = /(^|\s)\S+-(appear|enter)(-start|-active|-prepare)?(\s|$)/;
        const chain = () => {
          const list: Element[] = [];
          for (let e: Element | null = element; e; e = e.parentElement) list.push(e);
          return list;
        };
        const isMoving = () => chain().some((e) => moving.test(typeof e.className === 'string' ? e.className : ''));
        const finish = () =>
          void Promise.all(
            [...chain().flatMap((e) => e.getAnimations()), ...element.getAnimations({ subtree: true })]
              .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
              .map((animation) => animation.finished.catch(() => undefined)),
          ).then(() => resolve());
        if (!isMoving()) return finish();
        const observer = new MutationObserver(() => {
          if (isMoving()) return;
          observer.disconnect();
          finish();
        });
        observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'], subtree: true });
      }),
  );
}

/**
 * axe-core on the page as it is now: no serious or critical violation (the issues' bar for the
 * portal). `what` names the page in the failure, with each rule and the elements it found.
 */
export async function expectAccessible(page: Page, what = 'page'): Promise<void> {
  // Colours are judged once nothing is in transition: a button just enabled fades to its colour
  // over 0.2 s, and axe reading it halfway found white on a pale blue (a CI run).
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ).then(() => undefined),
  );
  const results = await new AxeBuilder({ page }).analyze();
  // axe looked at the page: an empty run would pass vacuously.
  expect(results.passes.length, `${what}: axe checked nothing`).toBeGreaterThan(10);
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${what}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
