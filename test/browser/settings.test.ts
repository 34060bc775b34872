import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { fixedClock } from '../../src/server/platform/clock.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, settled } from '../helpers/browser.ts';
import { startTestServer } from '../helpers/server.ts';

// Settings per region node and the holiday calendar, on a phone-sized screen (360 px): the
// city admin sets legal aid's deadline for 云岭市, sees 青川区 inherit it, and resets it; the
// province admin is told 2027 is missing and loads it, and the banner goes.

const PASSWORD = 'santai-demo';
// Tuesday 10 November 2026, 10:00 Beijing: 2027's arrangement is due and not loaded.
const NOW = '2026-11-10T02:00:00.000Z';
const canRun = hasChromium();

describe.skipIf(!canRun)('settings and calendar in Chromium at 360 px (skipped without Chromium)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW) });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  /** Signed in through the API (the server's clock is fixed, so the cookies go in as session cookies). */
  async function signedIn(username: string, next: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 360, height: 740 } });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const login = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    expect(login.statusCode, login.body).toBe(200);
    await context.addCookies(login.cookies.map((c) => ({ name: c.name, value: c.value, url: server.url, httpOnly: Boolean(c.httpOnly), sameSite: 'Lax' as const })));
    const page = await context.newPage();
    await page.goto(next);
    return page;
  }

  /** Picks in an antd Select that already shows a value (its search input is then zero-sized): focus and type. */
  async function choose(page: Page, field: Locator, typed: string, option: string | RegExp) {
    await field.focus();
    await page.keyboard.type(typed);
    await page.getByRole('option', { name: option }).first().waitFor({ state: 'attached' });
    await page.getByTitle(option).filter({ visible: true }).first().click();
  }

  const fitsTheScreen = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('the city admin sets legal aid for 云岭市, 青川区 inherits it, and a reset goes back to the default', async () => {
    const page = await signedIn('admin', '/workbench/settings/services');
    await page.getByRole('heading', { level: 1, name: '服务设置' }).waitFor();
    // The banner: 2027 is missing, and a city admin is told whom to ask.
    await page.getByRole('status').filter({ hasText: '2027 年节假日安排尚未录入' }).filter({ hasText: '省级管理员' }).waitFor();

    const legalAid = page.getByRole('region', { name: '法律援助' });
    await legalAid.getByText('系统默认').waitFor();
    await legalAid.getByText('7 个工作日').waitFor();
    expect(await fitsTheScreen(page)).toBe(true);

    await legalAid.getByRole('button', { name: '修改本级设置 法律援助' }).click();
    const dialog = page.getByRole('dialog', { name: '法律援助 · 云岭市' });
    await dialog.getByLabel('办结时限 时长').fill('10');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await legalAid.getByText('本级设置', { exact: true }).waitFor();
    await legalAid.getByText('10 个工作日').waitFor();

    await choose(page, page.getByLabel('区划'), '青川', /青川区.*990102/);
    await legalAid.getByText('继承自 云岭市').waitFor();
    await legalAid.getByText('10 个工作日').waitFor();

    await choose(page, page.getByLabel('区划'), '云岭', /云岭市.*990100/);
    await legalAid.getByText('本级设置', { exact: true }).waitFor();
    await legalAid.getByRole('button', { name: '恢复继承 法律援助' }).click();
    // The reset's own answer, then the page's reload: on a busy CI machine the two took longer than one wait's 20 s.
    const reset = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes('/api/settings/services/legal_aid'), { timeout: 60_000 });
    // The confirmation once it has stopped opening: a click while it slid open landed beside its button (CI check).
    const confirm = page.getByRole('tooltip').filter({ has: page.getByRole('button', { name: /确\s*定/ }) });
    await settled(confirm);
    await confirm.getByRole('button', { name: /确\s*定/ }).click();
    expect((await reset).status()).toBe(200);
    await legalAid.getByText('系统默认').waitFor({ timeout: 30_000 });
    await legalAid.getByText('7 个工作日').waitFor();
  }, 180_000);

  it('the province admin loads 2027 from the banner; the banner goes', async () => {
    const page = await signedIn('provadmin', '/workbench/calendar');
    await page.getByRole('heading', { level: 1, name: '工作日历' }).waitFor();
    const notice = page.getByRole('status').filter({ hasText: '2027 年节假日安排尚未录入' });
    await notice.getByRole('button', { name: '录入 2027 年安排' }).click();
    const dialog = page.getByRole('dialog', { name: '全国节假日安排' });
    await dialog.getByRole('button', { name: '添加放假' }).click();
    await dialog.getByLabel('名称 1').fill('元旦');
    await dialog.getByLabel('开始日期 1').fill('2027-01-01');
    await dialog.getByLabel('结束日期 1').fill('2027-01-03');
    await dialog.getByLabel('依据').fill('测试通知');
    expect(await fitsTheScreen(page)).toBe(true);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await page.getByText('2027 年', { exact: true }).waitFor();
    await notice.waitFor({ state: 'detached' });

    await page.goto('/workbench');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.getByRole('status').filter({ hasText: '节假日安排尚未录入' }).count()).toBe(0);
  }, 180_000);
});
