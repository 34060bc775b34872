import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { signedHeaders } from '../../src/server/modules/upstream/signature.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, settled } from '../helpers/browser';
import { signIn, type Session } from '../helpers/http';
import { startTestServer } from '../helpers/server';

// The callback desk (docs/hotline-callbacks.md) as the demo city's operator: a missed call posted by the
// phone system appears masked, the operator claims it (the number shows in full) and records a try
// with no answer; then a resolved ticket's follow-up (回访) is claimed and its survey read out, and
// the answers become the ticket's rating.

const DEMO_PASSWORD = 'santai-demo';
const CALLER = '13812340000';

describe.skipIf(!hasChromium())('hotline callbacks in Chromium (skipped without Chromium)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  const as: Record<string, Session> = {};
  let ticket: { id: string; number: string };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    for (const name of ['admin', 'window', 'dispatcher', 'lawyer']) as[name] = await signIn(server.app, name, DEMO_PASSWORD);
    // The city's phone system posts a call it gave up on.
    const source = await as.admin.request('POST', '/api/hotline/sources', { name: '示范市 12348', regionCode: '990100' });
    expect(source.statusCode, source.body).toBe(201);
    const { apiKey, secret } = source.json();
    const now = Date.now();
    const events = [
      { eventId: 'b-1', callId: 'browser-missed', type: 'incoming', at: new Date(now - 90_000).toISOString(), caller: CALLER },
      { eventId: 'b-2', callId: 'browser-missed', type: 'missed', at: new Date(now - 60_000).toISOString() },
      { eventId: 'b-3', callId: 'browser-missed', type: 'ended', at: new Date(now - 59_000).toISOString() },
    ];
    for (const [i, event] of events.entries()) {
      const text = JSON.stringify(event);
      const response = await server.app.inject({ method: 'POST', url: '/api/hotline/events', payload: text, headers: { 'content-type': 'application/json', ...signedHeaders(apiKey, secret, text, new Date(now - i * 1000)) } });
      expect(response.statusCode, response.body).toBe(201);
    }
    // A ticket taken in at a window, handled and resolved: its follow-up is due.
    const created = await as.window.request('POST', '/api/tickets', { channel: 'window', serviceType: 'mediation', category: '邻里', regionCode: '990102', applicant: { name: '周九', phone: '13512345678' }, description: '楼道堆物纠纷' });
    expect(created.statusCode, created.body).toBe(201);
    ticket = created.json();
    const act = (who: Session, body: Record<string, unknown>) => who.request('POST', `/api/tickets/${ticket.id}/actions`, body);
    expect((await act(as.window, { action: 'accept' })).statusCode).toBe(200);
    const lawyer = (await as.lawyer.get('/api/auth/me')).json();
    expect((await act(as.dispatcher, { action: 'assign', unitRegionCode: '990102', assigneeId: lawyer.id })).statusCode).toBe(200);
    expect((await act(as.lawyer, { action: 'resolve', summary: '已清理楼道' })).statusCode).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedInPage(username: string, next: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 360, height: 780 } });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`**${next}`);
    return page;
  }

  it('a missed call is claimed and tried; a follow-up survey becomes the ticket rating (at 360 px)', async () => {
    const page = await signedInPage('operator', '/workbench/hotline/callbacks');
    // At 360 px the list is a column of cards, each labelled by its kind and number.
    const missed = page.getByRole('article', { name: /未接来电 138\*\*\*\*0000/ });
    await missed.waitFor();
    expect(await missed.textContent()).toMatch(/\d{4}-\d{2}-\d{2} 24:00/);
    await missed.getByRole('button', { name: '认领' }).click();
    const claimed = page.getByRole('article', { name: `未接来电 ${CALLER}` });
    await claimed.getByText('陈话务 已认领').waitFor();
    await claimed.getByRole('button', { name: '记录结果' }).click();
    const dialog = page.getByRole('dialog', { name: /记录结果/ });
    await settled(dialog);
    await dialog.getByRole('radio', { name: '无人接听' }).check();
    await dialog.getByLabel('备注').fill('响铃 30 秒无人接');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    const tried = page.getByRole('article', { name: /未接来电 138\*\*\*\*0000/ });
    await tried.getByText('第 1 / 3 次').waitFor();
    await tried.getByText(/陈话务：无人接听（响铃 30 秒无人接）/).waitFor();
    await tried.getByText('未认领').waitFor();

    const followUp = page.getByRole('article', { name: /回访 135\*\*\*\*5678/ }).filter({ hasText: ticket.number });
    await followUp.getByRole('button', { name: '认领' }).click();
    const mine = page.getByRole('article', { name: '回访 13512345678' });
    await mine.getByRole('button', { name: '回访问卷' }).click();
    const survey = page.getByRole('dialog', { name: /回访问卷/ });
    await settled(survey);
    await survey.getByText('拨打 13512345678').waitFor();
    await survey.getByRole('radio', { name: '是' }).check();
    await survey.getByRole('radio', { name: '4', exact: true }).check();
    await survey.getByLabel('您还有什么意见或建议？').fill('处理及时');
    await survey.getByRole('button', { name: /保\s*存/ }).click();
    await survey.waitFor({ state: 'hidden', timeout: 30_000 });
    await page.getByRole('article', { name: /回访 135\*\*\*\*5678/ }).filter({ hasText: ticket.number }).waitFor({ state: 'detached' });

    const audit = (await as.dispatcher.get(`/api/tickets/${ticket.id}/audit`)).json();
    const rating = audit.events.find((e: { type: string }) => e.type === 'rating.recorded');
    expect(rating?.data).toMatchObject({ attitude: 4, speed: 4, policy: 4, expertise: 4, comment: '处理及时', hasLowScore: false });
    expect(audit.events.some((e: { type: string }) => e.type === 'action.follow_up')).toBe(true);
    expect((await as.dispatcher.get(`/api/tickets/${ticket.id}`)).json().status).toBe('followed_up');
  }, 240_000);
});
