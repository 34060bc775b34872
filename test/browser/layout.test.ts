import { readFileSync } from 'node:fs';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, request, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from '../helpers/browser';
import { startTestServer } from '../helpers/server';

// Layout at a desk (1440 px) and on a village phone (360 px), in Chinese and English: no
// page is wider than the screen, no label, name or number is broken inside a word, the
// menu folds away on a phone and opens from the keyboard, and signing out stays in reach.
// The data is made through the API first, so every page has rows to lay out.

const PASSWORD = 'santai-demo';
const canRun = hasChromium();

type Messages = Record<string, unknown>;
const LOCALES: Record<'zh-CN' | 'en', Messages> = {
  'zh-CN': JSON.parse(readFileSync(new URL('../../src/web/locales/zh-CN.json', import.meta.url), 'utf8')) as Messages,
  en: JSON.parse(readFileSync(new URL('../../src/web/locales/en.json', import.meta.url), 'utf8')) as Messages,
};

/** A translated text from the app's own files, with {{placeholders}} filled. */
function text(lang: keyof typeof LOCALES, path: string, values: Record<string, string> = {}): string {
  let node: unknown = LOCALES[lang];
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`no text at ${path}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
}

/**
 * The words on the page that were broken across lines. A word is a run without spaces
 * or Chinese punctuation (a name 王建国, a label 首问责任人, a number 990102-20261201-0001,
 * "Male"); a label or value may wrap between words, never inside one. Prose (the matter's
 * description, a suggestion's reason) is left out by its label.
 */
async function brokenWords(page: Page, prose: string[], account: string): Promise<string[]> {
  return page.evaluate(([proseLabels, accountLabel]) => {
    const broken: string[] = [];
    const cells: Element[] = [];
    const isLabel = (el: Element | null | undefined) => Boolean(el?.classList.contains('ant-descriptions-item-label'));
    /** A value's label: beside it, or above it in a vertical list (the same place in the row before). */
    const labelOf = (content: Element) => {
      if (isLabel(content.previousElementSibling)) return content.previousElementSibling;
      const row = content.parentElement!;
      return row.previousElementSibling?.children[[...row.children].indexOf(content)];
    };
    for (const item of document.querySelectorAll('.ant-descriptions-item-label, .ant-descriptions-item-content')) {
      if (isLabel(item) || !proseLabels.includes((labelOf(item)?.textContent ?? '').trim())) cells.push(item);
    }
    cells.push(...document.querySelectorAll('.ant-table-thead th, h1, .record-card dt'));
    cells.push(...document.querySelectorAll(`[aria-label="${accountLabel}"]`));
    const lineTops = (range: Range) => new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    for (const cell of cells) {
      if ((cell as HTMLElement).offsetParent === null) continue; // not shown
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const value = node.nodeValue ?? '';
        for (const match of value.matchAll(/[^\s（）()、，。；：·,;:]+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          if (lineTops(range) > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  }, [prose, account] as const);
}

async function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

describe.skipIf(!canRun)('workbench layout at 1440 px and 360 px, zh-CN and en (skipped without Chromium)', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const states: Record<string, Awaited<ReturnType<BrowserContext['storageState']>>> = {};
  let open: { id: string; number: string };
  let resolved: { id: string; number: string };

  /** An account's API client: signed in, sending the CSRF cookie back as the header, as the app does. */
  async function api(username: string): Promise<APIRequestContext> {
    const login = await request.newContext({ baseURL: server.url });
    expect((await login.post('/api/auth/login', { data: { username, password: PASSWORD } })).status()).toBe(200);
    states[username] = await login.storageState();
    await login.dispose();
    const csrf = states[username].cookies.find((c) => c.name === 'santai_csrf')?.value ?? '';
    return request.newContext({ baseURL: server.url, storageState: states[username], extraHTTPHeaders: { 'x-csrf-token': csrf } });
  }

  async function act(ctx: APIRequestContext, id: string, body: Record<string, unknown>) {
    const response = await ctx.post(`/api/tickets/${id}/actions`, { data: body });
    expect(response.status(), await response.text()).toBe(200);
  }

  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const window = await api('window');
    const dispatcher = await api('dispatcher');
    const lawyer = await api('lawyer');
    const supervisor = await api('supervisor');
    await api('operator');
    const intake = async (description: string) => {
      const response = await window.post('/api/tickets', {
        data: {
          channel: 'window',
          serviceType: 'consultation',
          category: '劳动争议',
          regionCode: '990102001',
          applicant: { name: '王建国', phone: '13912345678', idNumber: '11010519491231002X', gender: 'male', ageGroup: '36_59', specialGroups: ['migrant_worker_wages'] },
          counterparty: { name: '某建筑公司', phone: '13800002222' },
          preferredContact: 'phone',
          description,
        },
      });
      expect(response.status(), await response.text()).toBe(201);
      return (await response.json()) as { id: string; number: string };
    };
    // One assigned and supervised (detail, dispatch dialog, ledger), one resolved (follow-ups).
    open = await intake('拖欠工资三个月');
    await act(dispatcher, open.id, { action: 'accept' });
    await act(dispatcher, open.id, { action: 'assign', unitRegionCode: '990102', assigneeId: null });
    const supervised = await supervisor.post(`/api/tickets/${open.id}/supervision`, {
      data: { reason: '请尽快联系申请人', dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString() },
    });
    expect(supervised.status(), await supervised.text()).toBe(201);
    resolved = await intake('咨询劳动合同');
    await act(dispatcher, resolved.id, { action: 'accept' });
    const lawyerId = ((await (await dispatcher.get(`/api/tickets/${resolved.id}/dispatch-suggestion`)).json()) as { assignee: { id: string } }).assignee.id;
    await act(dispatcher, resolved.id, { action: 'assign', unitRegionCode: '990102', assigneeId: lawyerId });
    await act(lawyer, resolved.id, { action: 'start' });
    await act(lawyer, resolved.id, { action: 'resolve', summary: '已解答' });
    for (const ctx of [window, dispatcher, lawyer, supervisor]) await ctx.dispose();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function pageAs(username: string, lang: 'zh-CN' | 'en', width: number): Promise<Page> {
    const context = await browser.newContext({
      baseURL: server.url,
      locale: lang,
      viewport: { width, height: 800 },
      storageState: states[username],
    });
    await context.addInitScript((l) => localStorage.setItem('santai.lang', l), lang);
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    return context.newPage();
  }

  for (const lang of ['zh-CN', 'en'] as const) {
    for (const width of [1440, 360]) {
      it(`${lang} at ${width} px: detail, dispatch dialog, ledger, board, follow-ups and intake fit and break no word`, async () => {
        const T = (path: string, values?: Record<string, string>) => text(lang, path, values);
        const prose = [T('tickets.description'), T('tickets.dispatch.reason'), T('tickets.dispatch.note'), T('tickets.counterparty')];
        const page = await pageAs('dispatcher', lang, width);
        const problems: string[] = [];
        async function check(what: string) {
          const { scrollWidth, innerWidth } = await overflow(page);
          if (scrollWidth > innerWidth) problems.push(`${what}: page is ${scrollWidth} px wide in a ${innerWidth} px window`);
          const broken = await brokenWords(page, prose, T('workbench.currentAccount'));
          if (broken.length > 0) problems.push(`${what}: broken across lines: ${broken.join(' | ')}`);
        }

        // The shell: the account's name whole, sign-out on screen, the menu folded on a phone.
        await page.goto(`/workbench/tickets/${open.id}`);
        await page.getByRole('heading', { level: 1, name: T('tickets.ticketTitle', { number: open.number }) }).waitFor();
        await page.getByText('王建国', { exact: true }).waitFor();
        await check('ticket detail');
        const signOut = page.getByRole('button', { name: T('workbench.logout') });
        await signOut.waitFor();
        const box = await signOut.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= width, `sign-out at ${JSON.stringify(box)}`).toBe(true);
        const nav = page.getByRole('navigation', { name: T('workbench.mainNav') });
        const ledgerEntry = nav.getByRole('menuitem', { name: T('nav.supervision') });
        if (width < 576) {
          await expect(ledgerEntry.isVisible()).resolves.toBe(false);
          // Keyboard: from the top of the page, Tab reaches the menu button; Enter opens the menu.
          const menuButton = page.getByRole('button', { name: T('workbench.menu') });
          let reached = false;
          for (let i = 0; i < 6 && !reached; i++) {
            await page.keyboard.press('Tab');
            reached = await menuButton.evaluate((el) => el === document.activeElement);
          }
          expect(reached, 'menu button reachable with Tab').toBe(true);
          await page.keyboard.press('Enter');
          await ledgerEntry.waitFor();
          await page.keyboard.press('Escape');
          await ledgerEntry.waitFor({ state: 'hidden' });
        } else {
          await ledgerEntry.waitFor();
        }

        await page.getByRole('toolbar', { name: T('tickets.actionsTitle') }).getByRole('button', { name: T('tickets.actions.assign'), exact: true }).click();
        const dialog = page.getByRole('dialog', { name: T('tickets.actions.assign') });
        await dialog.getByRole('region', { name: T('tickets.dispatch.title') }).waitFor();
        await dialog.getByRole('radio', { name: /吴律师/ }).waitFor({ state: 'attached' });
        await check('dispatch dialog');
        await dialog.getByRole('button', { name: T('common.cancel') }).click();
        await dialog.waitFor({ state: 'hidden' });

        await page.goto('/workbench/supervision');
        await page.getByRole('link', { name: open.number, exact: true }).waitFor();
        await check('supervision ledger');

        await page.goto('/workbench/tickets?queue=all');
        await page.getByRole('link', { name: open.number, exact: true }).waitFor();
        await page.getByRole('link', { name: resolved.number, exact: true }).waitFor();
        await check('ticket queues');

        await page.goto('/workbench/follow-ups?queue=open');
        await page.getByRole('link', { name: resolved.number, exact: true }).waitFor();
        await check('follow-ups');

        await page.goto('/workbench/tickets/new');
        await page.getByRole('heading', { level: 1, name: T('tickets.intake.title') }).waitFor();
        await page.getByRole('complementary', { name: T('tickets.intake.history') }).waitFor();
        await check('intake');

        expect(problems).toEqual([]);
      }, 180_000);
    }
  }

  it('public pages ask nobody who is signed in, the site has an icon, and an unknown address says the page does not exist', async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN' });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const page = await context.newPage();
    const failed: string[] = [];
    const asked: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
      if (new URL(r.url()).pathname === '/api/auth/me') asked.push(r.url());
    });
    await page.goto('/');
    await page.getByRole('heading', { level: 2, name: '服务项目' }).waitFor();
    const favicon = await context.request.get('/favicon.ico');
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()['content-type']).toMatch(/icon/);

    await page.goto('/no-such-page');
    await page.getByRole('main').getByText('页面不存在').waitFor();
    const body = (await page.getByRole('main').textContent()) ?? '';
    expect(body).not.toContain('无权');
    await page.getByRole('button', { name: '返回首页' }).click();
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('heading', { level: 2, name: '服务项目' }).waitFor();
    expect(asked).toEqual([]);
    expect(failed).toEqual([]);

    // The workbench still finds out who is there (and sends a stranger to sign in).
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/me');
    await page.goto('/workbench');
    expect((await answered).status()).toBe(401);
    await page.waitForURL('**/login?next=%2Fworkbench');
  });

  it("shows an operator where to do their own call-back, in a list whose action column is never empty", async () => {
    const page = await pageAs('operator', 'zh-CN', 1440);
    await page.goto('/workbench/follow-ups');
    const link = page.getByRole('link', { name: `到工单 ${resolved.number} 中回访` });
    await link.click();
    await page.waitForURL(`**/workbench/tickets/${resolved.id}`);
    await page.getByRole('toolbar', { name: '可办理的操作' }).getByRole('button', { name: '回访', exact: true }).waitFor();
  });

  it('names dispute categories in English in the English workbench', async () => {
    const page = await pageAs('dispatcher', 'en', 1440);
    await page.goto(`/workbench/tickets/${open.id}`);
    await page.getByText('Labour disputes').first().waitFor();
    await page.goto('/workbench/tickets/new');
    await page.getByLabel('Dispute category').click();
    await page.getByTitle('Marriage and family').filter({ visible: true }).waitFor();
    // The intake offers the applicant's languages by their names in the reader's language.
    await page.getByRole('radio', { name: 'English' }).waitFor({ state: 'attached' });
    const zh = await pageAs('dispatcher', 'zh-CN', 1440);
    await zh.goto('/workbench/tickets/new');
    await zh.getByRole('radio', { name: '英语' }).waitFor({ state: 'attached' });
    await expect(zh.getByRole('radio', { name: 'English' }).count()).resolves.toBe(0);
  });
});
