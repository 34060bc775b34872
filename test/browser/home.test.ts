import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, request, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from '../helpers/browser';
import { startTestServer } from '../helpers/server';

// The staff home (issue 7 item 1) at desktop and phone width: each role sees its own
// counts as links, a click (or Enter) opens the list with exactly that many rows, and at
// 360 px nothing is wider than the screen. The tickets are made here through the API, so
// the numbers are known; the demo's random background history is not started by the helper.

const PASSWORD = 'santai-demo';
const canRun = hasChromium();

async function apiAs(baseURL: string, username: string): Promise<{ api: APIRequestContext; post(url: string, data: unknown): Promise<{ id: string }> }> {
  const api = await request.newContext({ baseURL });
  const login = await api.post('/api/auth/login', { data: { username, password: PASSWORD } });
  expect(login.status()).toBe(200);
  const csrf = (await api.storageState()).cookies.find((c) => c.name === 'santai_csrf')!.value;
  return {
    api,
    async post(url, data) {
      const response = await api.post(url, { data: data as object, headers: { 'x-csrf-token': csrf } });
      expect(response.ok(), `${url}: ${response.status()} ${await response.text()}`).toBe(true);
      return (await response.json()) as { id: string };
    },
  };
}

describe.skipIf(!canRun)('the staff home in Chromium (skipped without Chromium)', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    // Five walk-ins in 青川区 (990102): three wait on the dispatcher's board (待分配),
    // two are accepted and sent to the 青川区 unit (本单位 for its window staff).
    const window = await apiAs(server.url, 'window');
    const dispatcher = await apiAs(server.url, 'dispatcher');
    for (let i = 0; i < 5; i++) {
      const ticket = await window.post('/api/tickets', {
        channel: 'window',
        serviceType: 'mediation',
        category: '邻里',
        regionCode: '990102001',
        applicant: { name: `首页${i}`, phone: '13800002222' },
        description: '邻居违建影响采光',
      });
      if (i < 2) {
        await window.post(`/api/tickets/${ticket.id}/actions`, { action: 'accept' });
        await dispatcher.post(`/api/tickets/${ticket.id}/actions`, { action: 'assign', unitRegionCode: '990102' });
      }
    }
    await window.api.dispose();
    await dispatcher.api.dispose();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function homeOf(username: string, width: number): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width, height: width < 600 ? 740 : 900 } });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    // Signed in through the API: the page shares the context's cookies.
    expect((await context.request.post('/api/auth/login', { data: { username, password: PASSWORD } })).status()).toBe(200);
    const page = await context.newPage();
    await page.goto('/workbench');
    return page;
  }

  /** The rows of the ticket list: those with a ticket number link. */
  // A table row at a desk; below 576 px the list shows each ticket as a card (an article).
  const ticketRows = (page: Page) =>
    page.getByRole('row').or(page.getByRole('article')).filter({ has: page.getByRole('link', { name: /^990102-\d{8}-\d{4}$/ }) });

  const cases = [
    { username: 'window', count: '本单位待办', n: 2, action: '受理登记', url: /\/workbench\/tickets\?queue=unit$/, tab: '本单位', absent: '待分配' },
    { username: 'dispatcher', count: '待分配', n: 3, action: '待分配工单', url: /\/workbench\/tickets\?queue=unassigned$/, tab: '待分配', absent: '本单位待办' },
  ];

  for (const width of [1440, 360]) {
    for (const c of cases) {
      it(`${c.username} at ${width} px: own counts as links, the main action, and the list with as many rows`, async () => {
        const page = await homeOf(c.username, width);
        const link = page.getByRole('link', { name: `${c.count} ${c.n}`, exact: true });
        await link.waitFor();
        await page.getByRole('button', { name: c.action }).waitFor();
        // Another role's count is not on this home.
        await expect(page.getByRole('link', { name: new RegExp(`^${c.absent} \\d+$`) }).count()).resolves.toBe(0);
        await page.getByRole('heading', { name: '昨日以来' }).waitFor();
        if (width === 360) {
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
          // Keyboard: the count is a link one can focus and open with Enter.
          await link.focus();
          await page.keyboard.press('Enter');
        } else {
          await link.click();
        }
        await page.waitForURL(c.url);
        await page.getByRole('tab', { name: new RegExp(c.tab), selected: true }).waitFor();
        await page.getByText(`共 ${c.n} 条`).waitFor();
        await expect(ticketRows(page).count()).resolves.toBe(c.n);
      }, 180_000);
    }
  }
});
