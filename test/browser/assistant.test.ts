import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, expectAccessible } from '../helpers/browser';
import { startTestServer } from '../helpers/server';
import { readOneTimeCode, testPhone } from '../helpers/citizens';
import { readLawRefBook, storeLaws } from '../../src/server/modules/knowledge/commands/import-laws';
import { DEMO_PASSWORD } from '../../src/server/seed/demo';

// 法律咨询助手 on a phone (375 px): a citizen tells the problem in their own words and gets its
// category and service in plain words, the articles (each opening the reader at its anchor) and
// the next steps; "转为在线咨询" opens the consultation form filled in with the question and the
// category (the way through sign-in has its own test, request-prefill.test.ts). In the workbench, the staff member
// answering that consultation finds 相关法条与问答 beside the ticket and inserts a citation at
// the caret of the reply to the applicant, and of the resolution; 法律法规检索 finds the same law
// for staff. axe-core on /assistant.

const canRun = hasChromium();
const FIXTURES = resolve('test/fixtures/laws/portal');
const QUESTION = '老板拖欠了我三个月工资，一直不给，我该怎么办？';
const READER_LINK = /^\/(workbench\/)?laws\/[0-9a-f-]{36}#.+/;

describe.skipIf(!canRun)('the consultation assistant and the suggestions beside a ticket, in Chromium (skipped without Chromium)', () => {
  let server: { url: string; app: FastifyInstance; close(): Promise<void> };
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    // The test server has the demo city but not the core laws (those load on `santai serve`): a few real
    // excerpts instead (test/fixtures/laws/portal), quick to import, with two versions of one law.
    const read = await readLawRefBook(FIXTURES);
    expect(read.failed).toEqual([]);
    await server.app.ctx.database.db.transaction((tx) => storeLaws(tx, read.sources, { now: new Date() }));
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function context(viewport = { width: 375, height: 740 }): Promise<BrowserContext> {
    const created = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport, hasTouch: viewport.width < 500, isMobile: viewport.width < 500 });
    created.setDefaultTimeout(20_000);
    contexts.push(created);
    return created;
  }

  async function signInCitizen(target: BrowserContext, phone: string) {
    expect((await target.request.post('/api/portal/auth/codes', { data: { phone } })).status()).toBe(202);
    const code = await readOneTimeCode(server.app, phone);
    expect((await target.request.post('/api/portal/auth/sign-in', { data: { phone, code } })).status()).toBe(200);
  }

  async function signInStaff(target: BrowserContext, username: string) {
    expect((await target.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } })).status()).toBe(200);
    return (await target.cookies()).find((c) => c.name === 'santai_csrf')!.value;
  }

  async function ask(page: Page) {
    await page.goto('/assistant');
    await page.getByRole('heading', { level: 1, name: '法律咨询助手' }).waitFor();
    await page.getByRole('textbox', { name: '用自己的话说说您遇到的问题' }).fill(QUESTION);
    await page.getByRole('button', { name: '帮我看看' }).click();
    await page.getByRole('heading', { level: 2, name: '分析结果' }).waitFor();
  }

  it('a question in plain words → category, articles linked to the reader, next steps → a consultation form filled in', async () => {
    const citizen = await context();
    await signInCitizen(citizen, testPhone());
    const page = await citizen.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: '法律咨询助手' }).click();
    await page.waitForURL('**/assistant');
    await page.getByRole('heading', { level: 1, name: '法律咨询助手' }).waitFor();
    await expectAccessible(page, '/assistant');

    // Too short: said beside the box, nothing asked.
    await page.getByRole('textbox', { name: '用自己的话说说您遇到的问题' }).fill('钱');
    await page.getByRole('button', { name: '帮我看看' }).click();
    await page.getByRole('alert').filter({ hasText: '请多写几句' }).waitFor();

    await ask(page);
    await expect(page.getByTestId('assistant-category').textContent()).resolves.toContain('劳动争议');
    await expect(page.getByTestId('assistant-service').textContent()).resolves.not.toBe('');
    const articles = page.getByRole('heading', { level: 2, name: '相关法律规定' }).locator('..').getByRole('link');
    await articles.first().waitFor();
    const href = (await articles.first().getAttribute('href'))!;
    expect(href).toMatch(READER_LINK);
    await page.getByRole('heading', { level: 2, name: '下一步怎么办' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    await expectAccessible(page, '/assistant with an answer');

    // An article opens in the reader at its anchor, marked.
    await articles.first().click();
    await page.waitForURL(/\/laws\/[0-9a-f-]{36}#/);
    const anchor = decodeURIComponent(href.split('#')[1]);
    const target = page.locator(`[id="${anchor}"]`);
    await target.waitFor();
    await expect(target.getAttribute('class')).resolves.toContain('is-target');
    await page.goBack();

    // Into a consultation: the form has the question and the category, and says where they came from.
    await ask(page);
    await page.getByRole('button', { name: '转为在线咨询' }).click();
    await page.waitForURL(/\/requests\/new\/consultation\?/);
    await page.getByRole('heading', { level: 1, name: '法律咨询' }).waitFor();
    await page.getByText('已按法律咨询助手的分析填好').waitFor();
    await expect(page.getByLabel('您想咨询的问题').inputValue()).resolves.toBe(QUESTION);
    const category = page.locator('.ant-select', { has: page.getByRole('combobox', { name: '事项类别' }) }).locator('.ant-select-selection-item');
    await expect(category.textContent()).resolves.toMatch(/^劳动争议/);
  }, 180_000);

  it('staff insert a suggested citation at the caret of the reply to the applicant, and of the resolution; a cited article opens in the reader', async () => {
    // A citizen's consultation from the portal.
    const citizen = await context();
    await signInCitizen(citizen, testPhone());
    const csrf = (await citizen.cookies()).find((c) => c.name === 'santai_csrf')!.value;
    const submitted = await citizen.request.post('/api/portal/requests', {
      headers: { 'x-csrf-token': csrf, 'idempotency-key': crypto.randomUUID() },
      data: { kind: 'consultation', category: '劳动争议', regionCode: '990102', applicantName: '李桂兰', description: QUESTION },
    });
    expect(submitted.status(), await submitted.text()).toBe(201);
    const ticketId = (await submitted.json()).id as string;

    const desk = await context({ width: 1280, height: 900 });
    const deskCsrf = await signInStaff(desk, 'dispatcher');
    const page = await desk.newPage();
    await page.goto(`/workbench/tickets/${ticketId}`);
    const panel = page.getByTestId('ticket-law-panel');
    await panel.waitFor();
    const reply = page.getByLabel(/回复申请人/);
    await reply.fill('您好：依照');
    // The caret after "您好：", before "依照": the citation goes there.
    await reply.evaluate((area: HTMLTextAreaElement) => area.setSelectionRange(3, 3));
    const citation = (await panel.getByRole('heading', { level: 4 }).getByRole('link').first().textContent())!;
    expect(citation).toMatch(/^《.+》第.+条/);
    await panel.getByRole('button', { name: /^插入引文/ }).first().click();
    await expect.poll(() => reply.inputValue()).toBe(`您好：${citation}依照`);

    // The cited article in the reader, at its anchor.
    const read = panel.getByRole('heading', { level: 4 }).getByRole('link').first();
    const href = (await read.getAttribute('href'))!;
    expect(href).toMatch(READER_LINK);
    await read.click();
    await page.waitForURL(/\/workbench\/laws\/[0-9a-f-]{36}#/);
    await expect(page.locator(`[id="${decodeURIComponent(href.split('#')[1])}"]`).getAttribute('class')).resolves.toContain('is-target');

    // 法律法规检索 in the workbench: the same search, each article a click from the reader.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '法律法规检索' }).click();
    await page.getByRole('heading', { level: 1, name: '法律法规检索' }).waitFor();
    await page.getByRole('searchbox', { name: '要查的事情或法律名称' }).fill('劳动报酬');
    await page.getByRole('button', { name: '查询' }).click();
    const found = page.locator('.law-item h3').getByRole('link').first();
    await found.waitFor();
    const foundHref = (await found.getAttribute('href'))!;
    expect(foundHref).toMatch(/^\/workbench\/laws\/[0-9a-f-]{36}#/);
    await found.click();
    await expect(page.locator(`[id="${decodeURIComponent(foundHref.split('#')[1])}"]`).getAttribute('class')).resolves.toContain('is-target');

    // Dispatched to the county lawyer, who resolves it with a citation in the summary.
    const act = async (target: BrowserContext, token: string, data: Record<string, unknown>) => {
      const response = await target.request.post(`/api/tickets/${ticketId}/actions`, { data, headers: { 'x-csrf-token': token } });
      expect(response.status(), await response.text()).toBe(200);
    };
    await act(desk, deskCsrf, { action: 'accept' });
    const lawyerId = await server.app.ctx.database.db.execute<{ id: string }>(sql`select id from accounts where username = 'lawyer'`);
    await act(desk, deskCsrf, { action: 'assign', unitRegionCode: '990102', assigneeId: lawyerId.rows[0].id });
    const office = await context({ width: 1280, height: 900 });
    const lawyerCsrf = await signInStaff(office, 'lawyer');
    await act(office, lawyerCsrf, { action: 'start' });
    const lawyer = await office.newPage();
    await lawyer.goto(`/workbench/tickets/${ticketId}`);
    await lawyer.getByTestId('ticket-law-panel').waitFor();
    await lawyer.getByRole('button', { name: '办结' }).click();
    const dialog = lawyer.getByRole('dialog', { name: '办结' });
    const summary = dialog.getByRole('textbox', { name: '办理结果' });
    await summary.fill('经核实，');
    await dialog.getByRole('button', { name: '相关法条与问答' }).click();
    await dialog.getByRole('button', { name: /^插入引文/ }).first().click();
    await expect.poll(() => summary.inputValue()).toMatch(/^经核实，《.+》第.+条$/);
  }, 180_000);
});
