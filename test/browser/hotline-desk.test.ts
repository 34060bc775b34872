/**
 * The 12348 operator desk in Chromium (docs/hotline-desk.md): an operator with a seat opens the
 * desk; signed call events are posted as the phone system would; the pop-up shows the masked
 * number and the caller's earlier ticket; the operator takes a ticket in from the call (key N)
 * and resolves a consultation on the spot citing an article from the law suggestions (key C);
 * after the call ends the after-call timer runs and "ready" returns the state; the next call
 * then takes the desk. Every wait is on what the page shows, never on time.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, expectAccessible, settled } from '../helpers/browser';
import { startTestServer } from '../helpers/server';
import { signIn, type Session } from '../helpers/http';
import { chooseOption } from '../helpers/staff-browser';
import { importLawTexts } from '../helpers/laws';
import { signedHeaders } from '../../src/server/modules/upstream/signature';
import { DEMO_PASSWORD } from '../../src/server/seed/demo';

const canRun = hasChromium();

describe.skipIf(!canRun)('the hotline desk in Chromium (skipped without Chromium)', () => {
  let server: { url: string; app: FastifyInstance; close(): Promise<void> };
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let source: { apiKey: string; secret: string };
  let operator: Session;
  let counter = 0;

  /** Posts one call event, signed now, as the phone system does. */
  async function post(event: Record<string, unknown>) {
    const body = JSON.stringify({ eventId: `ev-${++counter}`, at: new Date().toISOString(), ...event });
    const response = await server.app.inject({ method: 'POST', url: '/api/hotline/events', payload: body, headers: { 'content-type': 'application/json', ...signedHeaders(source.apiKey, source.secret, body, new Date()) } });
    expect(response.statusCode, response.body).toBe(201);
  }

  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    await importLawTexts(server.app.ctx.database);
    const admin = await signIn(server.app, 'admin', DEMO_PASSWORD);
    operator = await signIn(server.app, 'operator', DEMO_PASSWORD);
    const created = await admin.request('POST', '/api/hotline/sources', { name: '云岭市 12348', regionCode: '990100' });
    expect(created.statusCode, created.body).toBe(201);
    source = created.json();
    const me = (await operator.get('/api/auth/me')).json() as { id: string };
    const seat = await admin.request('POST', '/api/hotline/seats', { sourceId: created.json().id, extension: '8001', name: '一号坐席', operatorId: me.id });
    expect(seat.statusCode, seat.body).toBe(201);
    // The caller rang before: a ticket of their number is on record.
    const earlier = await operator.request('POST', '/api/tickets', {
      channel: 'hotline',
      serviceType: 'consultation',
      category: '借贷',
      regionCode: '990102',
      applicant: { name: '刘女士', phone: '13912345678' },
      description: '朋友借钱不还，想咨询起诉',
    });
    expect(earlier.statusCode, earlier.body).toBe(201);
    earlierTicket = earlier.json().number;
  }, 120_000);
  let earlierTicket: string;

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function deskPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 360, height: 780 } });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`/login?next=${encodeURIComponent('/workbench/hotline/desk')}`);
    await page.getByLabel('用户名').fill('operator');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/workbench/hotline/desk');
    return page;
  }

  it('pops the ringing call up with its history; a ticket and a resolved consultation from the call; after-call work, then ready; the next call', async () => {
    const page = await deskPage();
    await page.getByRole('heading', { name: '12348 热线坐席' }).waitFor();
    await page.locator('[data-testid="desk-connection"][data-status="open"]').waitFor();
    await page.getByText('你的坐席：8001（一号坐席）').waitFor();

    await post({ callId: 'c-1', type: 'incoming', caller: '+86 139 1234 5678' });
    await post({ callId: 'c-1', type: 'ringing', seat: '8001' });
    // The pop-up: the masked number, announced to screen readers, with the caller's earlier ticket.
    const call = page.getByRole('region', { name: /139\*{4}5678/ });
    await call.getByText('振铃中').waitFor();
    await expect(page.getByTestId('desk-announcement').textContent()).resolves.toContain('139****5678');
    await call.getByRole('link', { name: earlierTicket }).waitFor();
    await expect(call.textContent()).resolves.not.toContain('13912345678');

    await post({ callId: 'c-1', type: 'answered', seat: '8001' });
    await page.locator('[data-testid="desk-state"][data-state="busy"]').waitFor();
    await call.getByText('通话中').first().waitFor();

    // N: a ticket from the call, the number filled in on the server.
    await page.keyboard.press('n');
    const ticketForm = page.getByRole('form', { name: '新建工单' });
    await chooseOption(page, ticketForm.getByLabel('纠纷类别'), '借贷', '借贷');
    await ticketForm.getByLabel('诉求描述').fill('借款到期未还，想了解诉讼时效');
    await ticketForm.getByRole('button', { name: '受理工单' }).click();
    await page.getByText(/已受理，工单号/).waitFor();
    const made = call.getByTestId('desk-made-ticket');
    await made.first().waitFor();
    const ticketNumber = (await made.first().getByRole('link').textContent())!;
    const taken = (await operator.get(`/api/tickets?number=${encodeURIComponent(ticketNumber)}`)).json() as { items: { number: string; channel: string; applicant: { phone: string } }[] };
    expect(taken.items.find((t) => t.number === ticketNumber)).toMatchObject({ channel: 'hotline', applicant: { phone: '13912345678' } });

    // C: a consultation answered on the call, resolved at once, citing an article the suggestions offer.
    await page.getByRole('heading', { name: /139\*{4}5678/ }).focus();
    await page.keyboard.press('c');
    const consultation = page.getByRole('form', { name: '当场解答' });
    await chooseOption(page, consultation.getByLabel('纠纷类别'), '劳动争议', '劳动争议');
    await consultation.getByLabel('来电人的问题').fill('用人单位未与劳动者订立书面劳动合同');
    await consultation.getByLabel('解答摘要').fill('满一个月不满一年未订立书面劳动合同的，可以要求每月支付二倍工资。');
    await page.getByRole('button', { name: '引用 《中华人民共和国劳动合同法》第八十二条' }).click();
    await page.getByTestId('desk-citations').getByText('《中华人民共和国劳动合同法》第八十二条').waitFor();
    await consultation.getByRole('button', { name: '办结咨询' }).click();
    await page.getByText(/已当场解答并办结，工单号/).waitFor();
    const resolved = made.filter({ hasText: '当场解答' });
    await resolved.getByText('已办结').waitFor();
    await resolved.getByText('《中华人民共和国劳动合同法》第八十二条').waitFor();

    // The call ends: after-call work, its timer running; ready (R) returns the state.
    await post({ callId: 'c-1', type: 'ended' });
    await page.locator('[data-testid="desk-state"][data-state="after_call_work"]').waitFor();
    await page.getByRole('timer', { name: '话后处理计时' }).getByText(/话后处理 \d\d:\d\d/).waitFor();
    await call.getByText('已结束').waitFor();
    // Checked at rest: no hover left over from the last click.
    await page.mouse.move(0, 0);
    await settled(page.locator('body'));
    await expectAccessible(page, 'the desk after a call');
    await page.getByRole('button', { name: /^就绪/ }).click();
    await page.locator('[data-testid="desk-state"][data-state="ready"]').waitFor();
    await expect(page.getByRole('timer').count()).resolves.toBe(0);

    // The next call takes the desk; the first stays listed for the session.
    await post({ callId: 'c-2', type: 'incoming', caller: '13800001111' });
    await post({ callId: 'c-2', type: 'ringing', seat: '8001' });
    await page.getByRole('region', { name: /138\*{4}1111/ }).getByText('振铃中').waitFor();
    await page.getByRole('heading', { name: '本次登录处理的来电' }).waitFor();
    await expect(page.getByRole('button', { name: '139****5678' }).count()).resolves.toBe(1);
    // Nothing runs off a 360 px screen.
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);
  }, 120_000);
});
