import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { fixedClock } from '../../src/server/platform/clock.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from '../helpers/browser.ts';
import { startTestServer } from '../helpers/server.ts';

// The audit log in words (issue 7, item 4), on a desktop and on a phone: the city admin reads
// "登录失败", never "auth.login_failed"; filters by an action picked by its words, the filter
// lands in the URL; and an object's name is a link to the object.

const PASSWORD = 'santai-demo';
// Friday 20 November 2026, 10:00 Beijing.
const NOW = '2026-11-20T02:00:00.000Z';
const canRun = hasChromium();

describe.skipIf(!canRun)('audit log in Chromium (skipped without Chromium)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW) });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    // A failed sign-in of the city admin: an entry the log must show in words.
    const failed = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'not-the-password-1' } });
    expect(failed.statusCode).toBe(401);
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function signedIn(width: number, next: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width, height: 800 } });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const login = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: PASSWORD } });
    expect(login.statusCode, login.body).toBe(200);
    await context.addCookies(login.cookies.map((c) => ({ name: c.name, value: c.value, url: server.url, httpOnly: Boolean(c.httpOnly), sameSite: 'Lax' as const })));
    const page = await context.newPage();
    await page.goto(next);
    return page;
  }

  const fitsTheScreen = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  /** The page's list of entries: a table on a desktop, a list of cards on a phone. */
  const entries = (page: Page, isPhone: boolean) => (isPhone ? page.getByRole('list', { name: '审计日志' }).getByRole('listitem') : page.locator('tbody tr.ant-table-row'));

  it.each([
    ['desktop', 1440],
    ['phone', 360],
  ] as const)('on a %s (%i px): words not codes, a filter by action, a link to the object', async (_name, width) => {
    const isPhone = width < 768;
    const page = await signedIn(width, '/workbench/audit');
    await page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor();
    await entries(page, isPhone).first().waitFor();

    // In words: the failed sign-in reads 登录失败, and no action code is on the screen.
    await page.getByText('登录失败').first().waitFor();
    const body = await page.locator('main').innerText();
    for (const code of ['auth.login_failed', 'venue.create', 'account.create']) expect(body).not.toContain(code);
    expect(await fitsTheScreen(page)).toBe(true);

    // Filter by action, picked by its words with the keyboard; the filter goes into the URL.
    const action = page.getByRole('combobox', { name: '操作', exact: true });
    await action.focus();
    await page.keyboard.type('新建服务场所');
    // antd keeps its accessible listbox hidden; the option is there once the search has run.
    await page.getByRole('option', { name: '新建服务场所' }).waitFor({ state: 'attached' });
    await page.keyboard.press('Enter');
    const listed = page.waitForResponse((r) => r.url().includes('/api/audit?') && r.url().includes('action=venue.create') && r.status() === 200);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await listed;
    await page.waitForURL(/[?&]action=venue\.create/);
    const rows = entries(page, isPhone);
    await rows.first().getByText('新建服务场所').waitFor();
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i += 1) await expect(rows.nth(i).innerText()).resolves.toContain('新建服务场所');
    expect(await fitsTheScreen(page)).toBe(true);

    // The object is named, and its name is a link that lands on it.
    const link = rows.first().getByRole('link').first();
    const venueName = (await link.innerText()).trim();
    expect(venueName).not.toMatch(/^[0-9a-f-]{36}$/);
    await link.click();
    await page.waitForURL(/\/workbench\/venues\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: new RegExp(venueName) }).waitFor();

    // Back: the shared view (the URL) still holds the filter.
    await page.goBack();
    await page.waitForURL(/[?&]action=venue\.create/);
    await expect(page.getByRole('combobox', { name: '操作', exact: true }).locator('xpath=ancestor::div[contains(@class,"ant-select")][1]').innerText()).resolves.toContain('新建服务场所');
  });
});
