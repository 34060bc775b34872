import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, settled, expectAccessible } from '../helpers/browser';
import { startTestServer } from '../helpers/server';

// 普法与公告 and 办事指南 at phone width (360 px): an admin writes an article in the workbench,
// previews it, publishes it, and a visitor reads it on the portal, where a <script> typed into
// the body is shown as text and never runs; a guide lists the venues serving the visitor's
// region; axe-core finds no serious or critical violation on /news, /news/:id and /guides/:type.

const PASSWORD = 'santai-demo';
const canRun = hasChromium();
const PHONE = { width: 360, height: 740 };

describe.skipIf(!canRun)('portal content in Chromium at 360 px (skipped without Chromium)', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function newPage(options: { username?: string; isElderMode?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: PHONE });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    if (options.username) {
      expect((await context.request.post('/api/auth/login', { data: { username: options.username, password: PASSWORD } })).status()).toBe(200);
    }
    if (options.isElderMode) await context.addInitScript(() => localStorage.setItem('santai.elder', '1'));
    return context.newPage();
  }

  const isWiderThanScreen = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

  it('an admin writes, previews and publishes an article; the portal shows it, the <script> in it as text', async () => {
    const title = `浏览器测试：工伤认定须知 ${Date.now()}`;
    const staff = await newPage({ username: 'admin' });
    await staff.goto('/workbench/articles/new');
    await staff.getByRole('textbox', { name: '标题' }).fill(title);
    await staff.getByRole('textbox', { name: '摘要' }).fill('发生工伤后，一年内申请认定。');
    await staff.getByRole('textbox', { name: '正文' }).fill('## 申请时限\n\n自事故发生之日起一年内提出。\n\n<script>window.__pwned = 1</script>');
    // The live preview renders the body as the portal will: a heading, and the tag as text.
    const preview = staff.getByTestId('article-preview');
    await expect.poll(() => preview.getByRole('heading', { name: '申请时限' }).count()).toBe(1);
    await expect.poll(() => preview.getByText('<script>window.__pwned = 1</script>').count()).toBe(1);
    await staff.getByRole('button', { name: '保存' }).click();
    await staff.waitForURL(/\/workbench\/articles\/[0-9a-f-]{36}$/);
    const id = staff.url().split('/').pop()!;
    await staff.getByRole('button', { name: '发布' }).click();
    const confirm = staff.locator('.ant-popconfirm');
    await confirm.waitFor();
    await settled(confirm);
    await confirm.getByRole('button', { name: '发布' }).click();
    await staff.getByText('已发布', { exact: true }).first().waitFor();
    expect(await isWiderThanScreen(staff)).toBe(false);

    const visitor = await newPage();
    await visitor.goto('/news');
    const link = visitor.getByRole('link', { name: title });
    await link.waitFor();
    expect(await isWiderThanScreen(visitor)).toBe(false);
    await expectAccessible(visitor);
    await link.click();
    await visitor.waitForURL(`**/news/${id}`);
    await visitor.getByRole('heading', { level: 1, name: title }).waitFor();
    await visitor.getByText('<script>window.__pwned = 1</script>').waitFor();
    expect(await visitor.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await visitor.locator('.article-body script').count()).toBe(0);
    expect(await isWiderThanScreen(visitor)).toBe(false);
    await expectAccessible(visitor);

    // In elder mode the article is still readable at 360 px.
    const elder = await newPage({ isElderMode: true });
    await elder.goto(`/news/${id}`);
    await elder.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await elder.evaluate(() => document.documentElement.classList.contains('elder-mode'))).toBe(true);
    expect(await isWiderThanScreen(elder)).toBe(false);
    await expectAccessible(elder);

    // A draft is not on the portal: the address says so.
    const draft = await newPage();
    const drafts = await (await staff.context().request.get('/api/articles?status=draft')).json();
    await draft.goto(`/news/${drafts.items[0].id}`);
    await draft.getByRole('heading', { level: 1, name: '文章不存在或已撤回' }).waitFor();
  }, 120_000);

  it('a guide lists the venues serving the chosen region, with hours, phone and a map link', async () => {
    const page = await newPage();
    await page.goto('/guides/legal_aid?region=990102001');
    await page.getByRole('heading', { level: 1, name: /法律援助/ }).waitFor();
    const venues = page.getByRole('heading', { level: 3 });
    await page.getByRole('heading', { level: 3, name: '东关街道公共法律服务工作站' }).waitFor();
    const names = await venues.allTextContents();
    expect(names).toEqual(expect.arrayContaining(['东关街道公共法律服务工作站', '青川区公共法律服务中心', '云岭市公共法律服务大厅']));
    expect(names).not.toContain('石桥县公共法律服务中心');
    // The materials are the window's checklist (the shipped one: no demo region has its own).
    await page.getByText('经济困难状况个人诚信承诺（当场填写即可，无需开具证明）').waitFor();
    const map = page.getByRole('link', { name: '地图导航 · 东关街道公共法律服务工作站' });
    expect(await map.getAttribute('href')).toMatch(/^https:\/\/uri\.amap\.com\/search\?keyword=/);
    expect(await page.getByRole('link', { name: /0999-2238001/ }).getAttribute('href')).toBe('tel:0999-2238001');
    expect(await isWiderThanScreen(page)).toBe(false);
    await expectAccessible(page);

    // The portal home's guidance entries lead to their guides.
    await page.goto('/');
    await page.getByRole('link', { name: '公证' }).click();
    await page.waitForURL('**/guides/notarization');
    await page.getByRole('heading', { level: 1, name: /公证/ }).waitFor();
  }, 120_000);
});
