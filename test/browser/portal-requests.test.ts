import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, settled, expectAccessible } from '../helpers/browser';
import { startTestServer } from '../helpers/server';
import { readOneTimeCode, testPhone } from '../helpers/citizens';
import { fixedClock } from '../../src/server/platform/clock';
import { DEMO_PASSWORD } from '../../src/server/seed/demo';

// A citizen on a phone (375 px) asks a question from the portal home; a dispatcher answers it
// in the workbench; the citizen reads the answer, and — once the lawyer has resolved it — rates
// it. They apply for mediation with a photo of a paper. Someone without an account tracks the
// request by number, phone and code. axe-core checks each portal page: no serious or critical
// violation. The server's clock is moved, not waited for, past the one-code-a-minute limit.

const canRun = hasChromium();
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Picks `option` in the select labelled `name` (an Ant Design combobox), once its list has stopped moving. */
async function choose(page: Page, name: string, option: string | RegExp) {
  await page.getByRole('combobox', { name, exact: true }).click();
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const item = open.locator('.ant-select-item-option').filter({ hasText: option }).first();
  await item.waitFor();
  await settled(open);
  await item.click();
  // Closed (Ant Design marks it hidden once its leave animation is over): the next select's list is then the only one open.
  await page.waitForFunction(() => document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').length === 0);
}

describe.skipIf(!canRun)('portal requests in Chromium at phone size (skipped without Chromium)', () => {
  const clock = fixedClock(new Date());
  let server: { url: string; app: FastifyInstance; close(): Promise<void> };
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer({ clock });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function phoneContext(): Promise<BrowserContext> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', timezoneId: 'America/New_York', viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    return context;
  }

  /** Signs a citizen in through the API in this context (the sign-in page has its own test). */
  async function signInCitizen(context: BrowserContext, phone: string) {
    expect((await context.request.post('/api/portal/auth/codes', { data: { phone } })).status()).toBe(202);
    const code = await readOneTimeCode(server.app, phone);
    expect((await context.request.post('/api/portal/auth/sign-in', { data: { phone, code } })).status()).toBe(200);
  }

  /** A staff API client with the demo password (the workbench's own flows have their tests). */
  async function staffApi(username: string) {
    const context = await browser.newContext({ baseURL: server.url });
    contexts.push(context);
    expect((await context.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } })).status()).toBe(200);
    const csrf = (await context.cookies()).find((c) => c.name === 'santai_csrf')!.value;
    return {
      context,
      act: async (id: string, body: Record<string, unknown>) => {
        const response = await context.request.post(`/api/tickets/${id}/actions`, { data: body, headers: { 'x-csrf-token': csrf } });
        expect(response.status(), await response.text()).toBe(200);
      },
    };
  }

  it('asks a question, reads the answer written in the workbench, rates it; applies for mediation with a photo; tracks without an account', async () => {
    const phone = testPhone();
    const citizen = await phoneContext();
    await signInCitizen(citizen, phone);
    const page = await citizen.newPage();

    await page.goto('/');
    await page.getByRole('heading', { level: 2, name: '服务项目' }).waitFor();
    await expectAccessible(page, 'home');
    // Elder mode: the home is 12348, four big buttons and the assistant; everything else one tap further.
    await page.getByRole('switch', { name: '长辈模式' }).click();
    await page.getByRole('link', { name: '拨打 12348 法律服务热线' }).waitFor();
    await expect(page.locator('.portal-elder-entries a').allTextContents()).resolves.toEqual(['法律咨询', '法律援助', '人民调解', '查询进度', '法律咨询助手'].map((s) => expect.stringContaining(s)));
    await expectAccessible(page, 'elder home');
    await page.getByRole('switch', { name: '长辈模式' }).click();
    await page.getByRole('heading', { level: 2, name: '服务项目' }).waitFor();
    await page.getByRole('link', { name: '法律咨询', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '法律咨询' }).waitFor();
    await expectAccessible(page, 'consultation form');
    // Sent empty: each missing field says so beside it, nothing is sent.
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '请填写这一项' }).count()).resolves.toBeGreaterThan(1);

    await page.getByLabel('您的姓名').fill('李桂兰');
    await choose(page, '省', '演示省');
    await choose(page, '市', '云岭市');
    await choose(page, '县（区）', '青川区');
    await choose(page, '事项类别', /^劳动争议/);
    await page.getByLabel('您想咨询的问题').fill('老板拖欠三个月工资不给，怎么办？');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('status').getByText(/提交成功，申请编号/).waitFor();
    const requestId = page.url().split('/').pop()!;
    const number = (await page.locator('.request-facts dd.nowrap').first().textContent())!.trim();
    await page.getByText('申请已提交').waitFor();
    await expectAccessible(page, 'request page');

    // The dispatcher answers in the workbench's ticket page, in a desktop browser.
    const desk = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    contexts.push(desk);
    desk.setDefaultTimeout(20_000);
    const workbench = await desk.newPage();
    await workbench.goto(`/login?next=${encodeURIComponent(`/workbench/tickets/${requestId}`)}`);
    await workbench.getByLabel('用户名').fill('dispatcher');
    await workbench.getByLabel('密码').fill(DEMO_PASSWORD);
    await workbench.getByRole('button', { name: '登录' }).click();
    await workbench.getByRole('heading', { name: '与申请人沟通' }).waitFor();
    await workbench.getByLabel(/回复申请人/).fill('请带上劳动合同和工资条，明天上午到青川区公共法律服务中心。');
    const posted = workbench.waitForResponse((r) => r.url().endsWith(`/api/tickets/${requestId}/messages`) && r.request().method() === 'POST');
    await workbench.getByRole('button', { name: '发送回复' }).click();
    expect((await posted).status()).toBe(201);
    await workbench.locator('.request-thread').getByText('请带上劳动合同和工资条').waitFor();

    // The citizen sees it from "staff", never a name.
    await page.reload();
    const thread = page.locator('.request-thread');
    await thread.getByText('请带上劳动合同和工资条').waitFor();
    await expect(thread.textContent()).resolves.toContain('工作人员');
    await page.getByLabel('给工作人员留言').fill('好的，明天上午去。');
    await page.getByRole('button', { name: '发送' }).click();
    await thread.getByText('好的，明天上午去。').waitFor();
    // The dispatcher finds it among the messages waiting for an answer.
    await workbench.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '待回复留言' }).click();
    await workbench.getByRole('heading', { name: '待回复留言' }).waitFor();
    await workbench.getByRole('link', { name: number }).waitFor();
    await workbench.getByText('好的，明天上午去。').waitFor();

    // Dispatched to the county lawyer, who resolves it (their screens have their own tests).
    const dispatcher = await staffApi('dispatcher');
    await dispatcher.act(requestId, { action: 'accept' });
    // The demo lawyer of 青川区 (990102).
    const lawyerId = await server.app.ctx.database.db.execute<{ id: string }>(sql`select id from accounts where username = 'lawyer'`);
    await dispatcher.act(requestId, { action: 'assign', unitRegionCode: '990102', assigneeId: lawyerId.rows[0].id });
    const lawyer = await staffApi('lawyer');
    await lawyer.act(requestId, { action: 'start' });
    await lawyer.act(requestId, { action: 'resolve', summary: '可以向劳动人事争议仲裁委员会申请仲裁，仲裁不收费。' });

    await page.reload();
    await page.getByText('可以向劳动人事争议仲裁委员会申请仲裁').waitFor();
    await page.getByRole('heading', { name: '评价本次服务' }).waitFor();
    await expectAccessible(page, 'rating form');
    for (const axis of ['服务态度', '办理时效', '政策水平', '专业能力']) {
      // The radio itself is visually hidden inside its button-like label, which is what a finger taps.
      const radio = page.getByRole('radio', { name: `${axis} 5 分` });
      await page.locator('label', { has: radio }).click();
      await expect(radio.isChecked()).resolves.toBe(true);
    }
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('heading', { name: '我的评价' }).waitFor();
    await expect(page.getByRole('heading', { name: '评价本次服务' }).count()).resolves.toBe(0);

    // Mediation, with a photo of a paper; it shows under the citizen's files.
    await page.goto('/requests/new/mediation');
    await page.getByLabel('您的姓名').fill('李桂兰');
    await choose(page, '省', '演示省');
    await choose(page, '市', '云岭市');
    await choose(page, '事项类别', /^邻里/);
    // What to bring, said before submitting: the window's own checklist at that region.
    await page.getByRole('region', { name: '需要准备的材料' }).getByText('当事人身份证明').waitFor();
    await page.getByLabel('纠纷的经过').fill('邻居修围墙占了我家的路。');
    await page.getByLabel('对方姓名或单位名称').fill('王五');
    await page.getByLabel('您希望怎样解决').fill('拆除占路的围墙。');
    await page.getByLabel(/上传材料/).setInputFiles({ name: '照片.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('status').getByText(/提交成功/).waitFor();
    await page.getByRole('link', { name: /照片\.png/ }).waitFor();
    await page.getByText('您补充了材料').waitFor();

    await page.goto('/requests');
    await page.getByRole('heading', { level: 1, name: '我的申请' }).waitFor();
    await page.locator('.request-list[aria-busy="false"]').waitFor();
    await expect(page.locator('.request-list > li').count()).resolves.toBe(2);
    await expectAccessible(page, 'my requests');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);

    // Without an account: number, phone, and a code sent to that phone (after the minute between codes).
    clock.advance(61_000);
    const stranger = await (await phoneContext()).newPage();
    await stranger.goto('/track');
    await stranger.getByRole('heading', { level: 1, name: '查询办理进度' }).waitFor();
    await expectAccessible(stranger, 'tracking');
    await stranger.getByLabel('申请编号').fill(number);
    await stranger.getByLabel('申请时留的手机号').fill(phone);
    await stranger.getByRole('button', { name: '获取验证码' }).click();
    await stranger.getByText(/验证码已发送到/).waitFor();
    const code = await readOneTimeCode(server.app, phone, 'tracking');
    expect(code).toMatch(/^\d{6}$/);
    await stranger.getByLabel('短信验证码').fill(code!);
    // The code step's own submit button (查询), enabled once six digits are in.
    const codeForm = stranger.locator('form').filter({ has: stranger.getByLabel('短信验证码') });
    const tracked = stranger.waitForResponse((r) => new URL(r.url()).pathname === '/api/portal/track');
    await codeForm.locator('button[type="submit"]:not([disabled])').click();
    expect((await tracked).status()).toBe(200);
    await stranger.getByText('办理进度').first().waitFor();
    await stranger.getByText('已办结', { exact: true }).first().waitFor();
    // Read only: no thread to write in, no rating, no files.
    await expect(stranger.getByLabel('给工作人员留言').count()).resolves.toBe(0);
    await expect(stranger.getByRole('button', { name: '上传材料' }).count()).resolves.toBe(0);
    // A long flow across two browsers and three faces; a budget like the other long portal flows' (a busy CI machine took 86 s).
  }, 180_000);
});
