import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, expectAccessible } from '../helpers/browser';
import { startTestServer } from '../helpers/server';
import { readLawRefBook, storeLaws } from '../../src/server/modules/knowledge/commands/import-laws';

// 法律法规查询 on a phone: a search in everyday words lists the article with its words marked;
// the article opens in the law reader scrolled to its anchor and marked, at 375 px and at 360 px
// in elder mode; its citation is copied; an old version links to the one in force. In Tibetan the
// page speaks Tibetan around the Chinese law. axe-core finds no serious or critical violation on
// /laws (empty, with results, in Tibetan) and on a reader page.

const canRun = hasChromium();
const FIXTURES = resolve('test/fixtures/laws/portal');
const ARTICLE_54 = '《中华人民共和国民法典》第五十四条规定：“自然人从事工商业经营，经依法登记，为个体工商户。个体工商户可以起字号。”';

describe.skipIf(!canRun)('law search and the law reader in Chromium at phone width (skipped without Chromium)', () => {
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

  async function phone(options: { width?: number; storage?: Record<string, string> } = {}): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: options.width ?? 375, height: 740 }, hasTouch: true, isMobile: true });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    if (options.storage) await context.addInitScript((entries) => Object.entries(entries).forEach(([k, v]) => localStorage.setItem(k, v)), options.storage);
    return context.newPage();
  }

  const isWiderThanScreen = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

  /** The article anchored in the address is marked, alone, and on screen (the reader scrolled to it). */
  async function expectAnchoredArticle(page: Page, anchor: string) {
    const target = page.locator(`[id="${anchor}"]`);
    await target.waitFor();
    await expect(target.getAttribute('class')).resolves.toContain('is-target');
    await expect(target.getAttribute('aria-current')).resolves.toBe('location');
    expect(await page.locator('.law-article.is-target').count()).toBe(1);
    await page.waitForFunction((id) => {
      const box = document.getElementById(id)?.getBoundingClientRect();
      return Boolean(box) && box!.top >= 0 && box!.bottom <= window.innerHeight;
    }, anchor);
    // Not merely the top of a short page: the reader moved down to it.
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  }

  async function lawId(query: string, currentOnly = true): Promise<{ id: string; title: string; isCurrent: boolean }[]> {
    const response = await server.app.inject({ method: 'GET', url: `/api/laws?q=${encodeURIComponent(query)}&currentOnly=${currentOnly}` });
    return response.json().items;
  }

  it('search → the article with its words marked → the reader scrolled to it and marked; copy its citation; back to the results', async () => {
    const page = await phone();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    // The home's entry is live.
    await page.goto('/');
    await page.getByRole('link', { name: '法律法规查询' }).click();
    await page.waitForURL('**/laws');
    await page.getByRole('heading', { level: 1, name: '法律法规查询' }).waitFor();
    await expectAccessible(page, '/laws');

    await page.getByRole('searchbox', { name: '要查的事情或法律名称' }).fill('个体工商户');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/\/laws\?q=/);
    const result = page.getByRole('article').filter({ has: page.getByRole('link', { name: '中华人民共和国民法典 第五十四条' }) });
    await result.waitFor();
    // The words searched for are marked in the snippet (the server's parts, rendered as <mark>).
    await expect(result.locator('mark').allTextContents()).resolves.toContain('个体工商户');
    await expect(result.getByText('法条', { exact: true }).count()).resolves.toBe(1);
    expect(await isWiderThanScreen(page)).toBe(false);
    await expectAccessible(page, '/laws with results');

    await result.getByRole('link', { name: '中华人民共和国民法典 第五十四条' }).click();
    await page.waitForURL(/\/laws\/[0-9a-f-]{36}#/);
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe('#第五十四条');
    await page.getByRole('heading', { level: 1, name: /中华人民共和国民法典/ }).waitFor();
    await expectAnchoredArticle(page, '第五十四条');
    expect(await isWiderThanScreen(page)).toBe(false);
    await expectAccessible(page, 'law reader');

    await page.getByRole('button', { name: /^复制引文\s*（第五十四条）$/ }).click();
    await page.getByRole('status').filter({ hasText: '已复制：《中华人民共和国民法典》第五十四条' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(ARTICLE_54);

    // The table of contents jumps to a heading.
    await page.getByText('目录', { exact: true }).click();
    await page.getByRole('link', { name: /第一章\s*基本规定/ }).click();
    await page.waitForFunction(() => {
      const heading = [...document.querySelectorAll('.law-heading')].find((h) => /第一章/.test(h.textContent ?? ''));
      const box = heading?.getBoundingClientRect();
      return Boolean(box) && box!.top >= 0 && box!.top < window.innerHeight;
    });

    // Back to the same results.
    await page.getByRole('link', { name: '← 返回法律法规查询' }).click();
    await page.waitForURL(/\/laws\?q=/);
    await page.getByRole('link', { name: '中华人民共和国民法典 第五十四条' }).waitFor();
  }, 120_000);

  it('at 360 px in elder mode an address with #第五十四条 opens the reader at that article, large and unclipped', async () => {
    const [civilCode] = await lawId('民法典');
    expect(civilCode).toBeDefined();
    const page = await phone({ width: 360, storage: { 'santai.elder': '1' } });
    await page.goto(`/laws/${civilCode.id}#${encodeURIComponent('第五十四条')}`);
    await expectAnchoredArticle(page, '第五十四条');
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBe(20);
    expect(await page.locator('[id="第五十四条"] p').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize))).toBeGreaterThanOrEqual(20);
    expect(await isWiderThanScreen(page)).toBe(false);
    await expectAccessible(page, 'elder law reader at 360 px');
  });

  it('an old version says so and links to the version in force', async () => {
    const versions = (await lawId('妇女权益保障法', false)).filter((law) => law.title === '中华人民共和国妇女权益保障法');
    const old = versions.find((law) => !law.isCurrent);
    const current = versions.find((law) => law.isCurrent);
    expect(old && current).toBeTruthy();
    const page = await phone();
    await page.goto(`/laws/${old!.id}`);
    await page.getByRole('note').filter({ hasText: '旧版本' }).waitFor();
    await page.getByRole('link', { name: '查看现行有效的版本' }).click();
    await page.waitForURL(`**/laws/${current!.id}`);
    await page.locator('.law-reader-header > .law-badges').getByText('现行有效', { exact: true }).waitFor();
  });

  it('a FAQ result opens on its own page with its legal basis linked to the reader', async () => {
    const page = await phone();
    await page.goto(`/laws?q=${encodeURIComponent('拖欠工资')}&types=faq`);
    const faq = page.getByRole('link', { name: '老板拖欠工资不给，该怎么办？' });
    await faq.waitFor();
    await faq.click();
    await page.waitForURL(/\/laws\/entries\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: '老板拖欠工资不给，该怎么办？' }).waitFor();
    await page.getByText('一、保留证据', { exact: false }).waitFor();
    const basis = page.getByRole('region', { name: '法律依据' });
    // 劳动合同法 is imported (the fixtures or the demo's laws): its article is a link to the reader at its anchor.
    const cited = basis.getByRole('link', { name: '《中华人民共和国劳动合同法》第三十条' });
    await expect(cited.getAttribute('href')).resolves.toMatch(new RegExp(`^/laws/[0-9a-f-]{36}#${encodeURIComponent('第三十条')}$`));
    expect(await isWiderThanScreen(page)).toBe(false);
    await expectAccessible(page, 'FAQ entry page');
    await cited.click();
    await expectAnchoredArticle(page, '第三十条');
  });

  it('nothing found offers the assistant with the words; too many searches say when to try again', async () => {
    const page = await phone();
    await page.goto(`/laws?q=${encodeURIComponent('火星殖民地')}`);
    const assistant = page.getByRole('link', { name: '问问法律咨询助手' });
    await assistant.waitFor();
    await page.getByText('没有找到相关内容').waitFor();
    await expect(assistant.getAttribute('href')).resolves.toBe(`/assistant?q=${encodeURIComponent('火星殖民地')}`);
    await assistant.click();
    await expect(page.getByRole('textbox', { name: '用自己的话说说您遇到的问题' }).inputValue()).resolves.toBe('火星殖民地');

    // The server's refusal (429 with Retry-After and retryAfter), as the rate limit sends it.
    await page.route('**/api/laws/search?*', (route) =>
      route.fulfill({ status: 429, headers: { 'retry-after': '30' }, json: { code: 'TOO_MANY_REQUESTS', message: 'Too many requests', retryAfter: 30 } }),
    );
    await page.goto(`/laws?q=${encodeURIComponent('工资')}`);
    await page.getByRole('alert').filter({ hasText: '操作太频繁，请30秒后再试。' }).waitFor();
  });

  it('in Tibetan the search page speaks Tibetan around the Chinese law and passes axe-core', async () => {
    const page = await phone({ storage: { 'santai.lang': 'bo' } });
    await page.goto(`/laws?q=${encodeURIComponent('个体工商户')}`);
    await page.getByRole('heading', { level: 1, name: 'ཁྲིམས་ཡིག་འཚོལ་ཞིབ།' }).waitFor();
    await page.getByRole('link', { name: '中华人民共和国民法典 第五十四条' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('bo');
    // The law's words are marked as Chinese for a screen reader.
    await expect(page.getByRole('link', { name: '中华人民共和国民法典 第五十四条' }).evaluate((a) => a.closest('[lang]')?.getAttribute('lang'))).resolves.toBe('zh-CN');
    expect(await isWiderThanScreen(page)).toBe(false);
    await expectAccessible(page, 'Tibetan /laws');
  });
});
