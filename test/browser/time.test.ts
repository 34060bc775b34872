import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { fixedClock } from '../../src/server/platform/clock.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, settled } from '../helpers/browser.ts';
import { signIn } from '../helpers/http.ts';
import { startTestServer } from '../helpers/server.ts';

// Beijing time on every screen and in the export, whatever the browser's zone. The server and
// the browsers share one clock: Friday 2026-11-20 00:30 in Beijing, which is still Thursday the
// 19th (11:30) in New York and 16:30 on the 19th in UTC, so any leak of the browser's zone or of
// UTC shows as a different day. The browsers run in New York.

const PASSWORD = 'santai-demo';
const NOW = '2026-11-19T16:30:00.000Z';
const BROWSER_ZONE = 'America/New_York';
const canRun = hasChromium();

describe.skipIf(!canRun)('Beijing time in a New York browser (skipped without Chromium)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let ticket: { id: string; number: string };

  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW) });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    // A walk-in consultation taken at NOW: accept within 1 working day, resolve within 3.
    const window = await signIn(server.app, 'window', PASSWORD);
    const created = await window.request('POST', '/api/tickets', {
      channel: 'window',
      serviceType: 'consultation',
      category: '劳动争议',
      regionCode: '990102001',
      applicant: { name: '钱时区', phone: '13800002222' },
      description: '咨询加班费的计算方法。',
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    ticket = { id: body.id, number: body.number };
    // The premise: working-day deadlines end a Beijing day (stored as the next day's 00:00 Beijing).
    expect(body.createdAt).toBe(NOW);
    expect(body.deadlines.map((d: { step: string; dueAt: string }) => [d.step, d.dueAt])).toEqual([
      ['accept', '2026-11-23T16:00:00.000Z'], // Monday 23rd, 24:00 Beijing
      ['resolve', '2026-11-25T16:00:00.000Z'], // Wednesday 25th, 24:00 Beijing
    ]);
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  /** A person in New York (or `zone`), on the shared clock, signed in, on `next`. */
  async function signedIn(username: string, next: string, zone = BROWSER_ZONE): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', timezoneId: zone, acceptDownloads: true });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    // Time flows from NOW (timers run as usual), so the pickers' "today" and the countdowns agree with the server.
    await context.clock.install({ time: NOW });
    // Signed in through the API: the session cookies' Expires comes from the server's clock, which
    // is fixed in the past, and the browser's cookie store keeps real time; so the browser gets them
    // as session cookies. (Signing in through the form is tested elsewhere.)
    const login = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    expect(login.statusCode, login.body).toBe(200);
    await context.addCookies(login.cookies.map((c) => ({ name: c.name, value: c.value, url: server.url, httpOnly: Boolean(c.httpOnly), sameSite: 'Lax' as const })));
    const page = await context.newPage();
    await page.goto(next);
    return page;
  }

  /** The value cell beside a Descriptions label. */
  const described = (page: Page, label: string) => page.locator('th').filter({ hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::td[1]');

  /** The open picker's calendar (antd renders it in a popup outside the form). */
  const calendar = (page: Page) => page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');

  async function cellTexts(row: Locator): Promise<string[]> {
    return (await row.getByRole('cell').allTextContents()).map((s) => s.trim());
  }

  it('shows the created time and the deadlines in Beijing time on the detail page and in the queue, as the export writes them', async () => {
    const page = await signedIn('dispatcher', `/workbench/tickets/${ticket.id}`);
    await page.getByRole('heading', { level: 1, name: `工单 ${ticket.number}` }).waitFor();
    await expect(described(page, '登记时间').textContent()).resolves.toBe('2026-11-20 00:30');
    const deadlines = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '期限' }) });
    await deadlines.getByRole('row').filter({ hasText: '办结时限' }).waitFor();
    const accept = await cellTexts(deadlines.getByRole('row').filter({ hasText: '受理时限' }));
    const resolve = await cellTexts(deadlines.getByRole('row').filter({ hasText: '办结时限' }));
    expect(accept[2]).toBe('2026-11-23 24:00');
    expect(resolve[2]).toBe('2026-11-25 24:00');
    // The timeline's first entry: the registration, at the same Beijing time.
    const timeline = page.getByRole('list', { name: '办理过程' });
    await expect(timeline.getByRole('article', { name: '受理登记' }).locator('time').textContent()).resolves.toBe('2026-11-20 00:30');

    // The queue, filtered to this ticket: the same two times.
    await page.goto(`/workbench/tickets?queue=all&number=${ticket.number}`);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: ticket.number }) });
    await row.waitFor();
    const headers = (await page.getByRole('columnheader').allTextContents()).map((s) => s.trim());
    const cells = await cellTexts(row);
    const onScreen = { created: cells[headers.indexOf('登记时间')], due: cells[headers.indexOf('下一时限')] };
    expect(onScreen).toEqual({ created: '2026-11-20 00:30', due: '2026-11-23 24:00' });

    // The file the export button gives for this list says the same, and is named by the Beijing date.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toBe('工单-20261120.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0];
    const fileHeaders = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const fileRow = (sheet.getRow(2).values as unknown[]).slice(1).map(String);
    expect(fileRow[fileHeaders.indexOf('编号')]).toBe(ticket.number);
    expect({ created: fileRow[fileHeaders.indexOf('登记时间')], due: fileRow[fileHeaders.indexOf('下一时限')] }).toEqual(onScreen);

    // A browser on UTC (the "10:29 on screen, 18:29 in the file") shows the same.
    const inUtc = await signedIn('dispatcher', `/workbench/tickets/${ticket.id}`, 'UTC');
    await inUtc.getByRole('heading', { level: 1, name: `工单 ${ticket.number}` }).waitFor();
    await expect(described(inUtc, '登记时间').textContent()).resolves.toBe('2026-11-20 00:30');
  }, 180_000);

  it('filters the queue by the Beijing day picked, with Beijing’s today marked', async () => {
    const page = await signedIn('dispatcher', '/workbench/tickets?queue=all');
    await page.getByRole('tab', { name: /全部/, selected: true }).waitFor();
    await page.getByPlaceholder('开始日期').click();
    // In New York it is still the 19th; the picker marks Beijing's today, the 20th.
    const today = calendar(page).locator('td.ant-picker-cell-today');
    await expect.soft(today.getAttribute('title')).resolves.toBe('2026-11-20');
    const filtered = page.waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname === '/api/tickets' && url.searchParams.get('from') !== null;
    });
    // Typed, as a clerk with the keyboard would: a click on a cell while the panel still
    // animates in can land beside it (the range then never completes).
    for (const placeholder of ['开始日期', '结束日期']) {
      const input = page.getByPlaceholder(placeholder);
      await input.fill('2026-11-20');
      await input.press('Enter');
    }
    const response = await filtered;
    const query = new URL(response.url()).searchParams;
    expect([query.get('from'), query.get('to')]).toEqual(['2026-11-20', '2026-11-20']);
    // The ticket taken at 00:30 Beijing (the 19th in New York) is in that day.
    await page.getByRole('row').filter({ has: page.getByRole('link', { name: ticket.number }) }).waitFor();
  }, 180_000);

  it('sends a supervision due date as the end of that Beijing day and shows it as 24:00', async () => {
    const page = await signedIn('supervisor', `/workbench/tickets/${ticket.id}`);
    await page.getByRole('heading', { level: 1, name: `工单 ${ticket.number}` }).waitFor();
    await page.getByRole('toolbar', { name: '可办理的操作' }).getByRole('button', { name: '督办', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '督办' });
    await dialog.waitFor();
    await dialog.getByLabel('理由').fill('请加快办理并于期限前回复。');
    await dialog.getByLabel('回复期限').click();
    // Days before Beijing's today cannot be picked; the 19th (New York's today) is already past in Beijing.
    await expect.soft(calendar(page).getByTitle('2026-11-19', { exact: true }).getAttribute('class')).resolves.toContain('ant-picker-cell-disabled');
    // The panel and the dialog still: a click while either moves can land beside the day.
    await settled(dialog);
    await settled(calendar(page));
    await calendar(page).getByTitle('2026-11-25', { exact: true }).click();
    // The field holds the day before the order is sent (a lost click fails here, naming it).
    const dueField = dialog.getByLabel('回复期限');
    await page.waitForFunction((input) => (input as HTMLInputElement).value === '2026-11-25', await dueField.elementHandle());
    const issued = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/api/tickets/${ticket.id}/supervision`), { timeout: 60_000 });
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    expect((await issued).postDataJSON()).toMatchObject({ dueAt: '2026-11-25T16:00:00.000Z' });
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 }).catch(async (error: Error) => {
      throw new Error(`the supervision dialog did not close: ${(await dialog.textContent().catch(() => '')) ?? ''}\n${error.message}`);
    });
    // The timeline shows the order's due time by the deadline rule: the 25th, 24:00.
    const order = page.getByRole('list', { name: '办理过程' }).getByRole('article', { name: '督办' });
    await order.waitFor();
    await expect(order.textContent()).resolves.toContain('2026-11-25 24:00');
  }, 180_000);
});
