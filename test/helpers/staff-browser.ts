import { afterAll, beforeAll } from "vitest";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH, settled } from "./browser.ts";
import { startTestServer } from "./server.ts";

const DEMO_PASSWORD = "santai-demo";

/**
 * A test server and Chromium for one describe block (started in beforeAll, closed in
 * afterAll), and demo staff signed in each in their own browser context: the workflows
 * that pass a ticket between people (window → reviewer → lawyer …).
 */
export function staffBrowser() {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  return {
    /** The server's app (its database, clock and keys), for setting up what a test needs beyond the demo city. */
    app: () => server!.app,
    /** Signs a demo account in through the login page and waits for `next`. */
    async signedIn(username: string, next: string): Promise<Page> {
      const context = await browser!.newContext({ baseURL: server!.url, locale: "zh-CN" });
      context.setDefaultTimeout(20_000);
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`/login?next=${encodeURIComponent(next)}`);
      await page.getByLabel("用户名").fill(username);
      await page.getByLabel("密码").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "登录" }).click();
      await page.waitForURL(`**${next}`);
      return page;
    },
  };
}

/** Picks an antd Select option with the keyboard and waits until the field shows it. */
export async function chooseOption(page: Page, field: Locator, typed: string, option: string | RegExp): Promise<void> {
  await field.click();
  await field.fill(typed);
  await page.getByRole("option", { name: option }).first().waitFor({ state: "attached" });
  await field.press("Enter");
  const select = field.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  await select.locator(".ant-select-selection-item").filter({ hasText: option }).waitFor();
}

/**
 * Clicks the option of the open antd list once the list stands still: a click while it slides
 * open can land beside the option (seen on a loaded CI machine). The list is the one holding
 * such an option, so a list still closing from the field before does not count; the first
 * option with the text is taken.
 */
export async function clickOption(page: Page, text: string): Promise<void> {
  const list = page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").filter({ has: page.locator(".ant-select-item-option", { hasText: text }) }).first();
  const option = list.locator(".ant-select-item-option").filter({ hasText: text }).first();
  await option.waitFor();
  await settled(list);
  await option.click();
}
