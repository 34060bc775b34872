import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { fixedClock } from '../../src/server/platform/clock.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from '../helpers/browser.ts';
import { startTestServer } from '../helpers/server.ts';

// The 12348 duty roster on a phone-sized screen (360 px): the week is covered but for Monday
// evening; the city's supervisor adds a shift that would overlap (refused, the reason under the
// start time), then the evening shift running to midnight, and the gap closes.

const PASSWORD = 'santai-demo';
// Monday 7 December 2026, 10:00 Beijing.
const NOW = '2026-12-07T02:00:00.000Z';
const bj = (day: number, time: string) => `2026-12-${String(day).padStart(2, '0')}T${time}:00+08:00`;
const canRun = hasChromium();

describe.skipIf(!canRun)('the hotline duty roster in Chromium at 360 px (skipped without Chromium)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW) });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    // The city's phone system, one seat, and 陈话务 on shift all week but Monday 16:00–24:00.
    const admin = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: PASSWORD } });
    const cookies = Object.fromEntries(admin.cookies.map((c) => [c.name, c.value]));
    const call = async (method: 'POST' | 'GET', url: string, payload?: unknown) => {
      const response = await server.app.inject({ method, url, payload: payload as never, cookies, headers: { 'x-csrf-token': cookies.santai_csrf ?? '' } });
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.json();
    };
    const me = await call('GET', '/api/auth/me');
    const source = await call('POST', '/api/hotline/sources', { name: '云岭市 12348', regionCode: me.region.code });
    const seat = await call('POST', '/api/hotline/seats', { sourceId: source.id, extension: '8001', name: '一号坐席' });
    const people = await call('GET', `/api/hotline/roster/people?regionCode=${me.region.code}`);
    const operator = people.items.find((p: { displayName: string }) => p.displayName === '陈话务');
    const shift = (startsAt: string, endsAt: string) => call('POST', '/api/hotline/shifts', { accountId: operator.id, role: 'operator', seatId: seat.id, startsAt, endsAt });
    await shift(bj(7, '00:00'), bj(7, '16:00'));
    for (let day = 8; day <= 13; day += 1) await shift(bj(day, '00:00'), bj(day + 1, '00:00'));
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function signedIn(username: string, next: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 360, height: 740 } });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    // The page's "this week" is the server's: the browser's clock starts at NOW too.
    await context.clock.install({ time: NOW });
    const login = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    expect(login.statusCode, login.body).toBe(200);
    await context.addCookies(login.cookies.map((c) => ({ name: c.name, value: c.value, url: server.url, httpOnly: Boolean(c.httpOnly), sameSite: 'Lax' as const })));
    const page = await context.newPage();
    await page.goto(next);
    return page;
  }

  const fitsTheScreen = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('the supervisor sees Monday evening uncovered, adds the evening shift with the keyboard, and the gap closes', async () => {
    const page = await signedIn('supervisor', '/workbench/hotline/roster');
    await page.getByRole('heading', { level: 1, name: '12348 热线值班表' }).waitFor();
    await page.getByRole('status').filter({ hasText: '2026-12-07 至 2026-12-13' }).waitFor();
    const gaps = page.getByRole('region', { name: '覆盖缺口' });
    await gaps.getByText('话务员：2026-12-07 16:00 至 2026-12-08 00:00 在岗 0 人，需 1 人').waitFor();
    expect(await fitsTheScreen(page)).toBe(true);

    // An overlapping shift first: refused, and the form says why under the start time.
    await page.getByRole('button', { name: '新增班次' }).click();
    const dialog = page.getByRole('dialog', { name: '新增班次' });
    const person = dialog.getByLabel('值班人员');
    await person.focus();
    await page.keyboard.type('陈话务');
    await page.getByRole('option', { name: /陈话务/ }).first().waitFor({ state: 'attached' });
    await page.keyboard.press('Enter');
    const place = dialog.getByLabel('坐席或场所');
    await place.focus();
    await page.keyboard.type('8001');
    await page.getByRole('option', { name: /8001/ }).first().waitFor({ state: 'attached' });
    await page.keyboard.press('Enter');
    await dialog.getByLabel('日期').fill('2026-12-07');
    await dialog.getByLabel('开始时间').fill('15:00');
    await dialog.getByLabel('结束时间').fill('00:00');
    await dialog.getByText('结束时间不晚于开始时间：班次到次日结束').waitFor();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('此人在 2026-12-07 00:00 至 2026-12-07 16:00 已有班次，同一人的班次不能重叠').waitFor();

    // The evening from 16:00 to midnight: saved, and the gap is gone.
    await dialog.getByLabel('开始时间').fill('16:00');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await gaps.getByText('本周 12348 热线全时段有人值班').waitFor();
    // The list view (narrow screen) shows the new shift on Monday, ending the next day.
    await page.getByRole('button', { name: /陈话务，话务员，8001 一号坐席，2026-12-07 16:00–2026-12-08 00:00/ }).waitFor();
    expect(await fitsTheScreen(page)).toBe(true);
  });
});
