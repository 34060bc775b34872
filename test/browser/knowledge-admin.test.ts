import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, settled, expectAccessible } from '../helpers/browser';
import { startTestServer } from '../helpers/server';
import { SHIPPED_WORDINGS } from '../../src/server/modules/knowledge/shipped-wordings.ts';

// 常见问题与以案释法 and 口语对照表 in the workbench, at a desk: the city admin writes a FAQ
// entry, cites an article the way people type it (劳动合同法 第82条), previews it, saves and
// publishes it, and the portal's API serves it; the province admin adds a wording to the
// table and deactivates it in place. axe-core finds no serious or critical violation.

const PASSWORD = 'santai-demo';
const canRun = hasChromium();

describe.skipIf(!canRun)('FAQ entries and the wording table in Chromium (skipped without Chromium)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
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

  async function signedIn(username: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    expect((await context.request.post('/api/auth/login', { data: { username, password: PASSWORD } })).status()).toBe(200);
    return context.newPage();
  }

  /** Picks an option in an antd Select: open it from the keyboard, click the option in the list shown. */
  async function choose(page: Page, field: Locator, option: string) {
    await field.focus();
    await page.keyboard.press('ArrowDown');
    const item = page.locator('.ant-select-dropdown').filter({ visible: true }).getByTitle(option, { exact: true });
    await item.waitFor();
    await settled(page.locator('.ant-select-dropdown').filter({ visible: true }));
    await item.click();
  }

  /** axe-core with the pointer and focus out of the way (a hovered button is drawn lighter). */
  async function checkAccessible(page: Page, what: string) {
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await expectAccessible(page, what);
  }

  async function confirm(page: Page, button: RegExp) {
    const popup = page.locator('.ant-popconfirm').filter({ visible: true });
    await popup.waitFor();
    await settled(popup);
    await popup.getByRole('button', { name: button }).click();
  }

  it('the city admin writes a FAQ entry with a citation, previews, saves and publishes it; the portal serves it', async () => {
    const title = `浏览器测试：试用期被辞退有补偿吗 ${Date.now()}`;
    const page = await signedIn('admin');
    await page.goto('/workbench/knowledge');
    await page.getByRole('heading', { level: 1, name: '常见问题与以案释法' }).waitFor();
    // The demo's published entries are listed.
    await page.getByRole('link', { name: '离婚后孩子归谁抚养？抚养费怎么定？' }).waitFor();
    await checkAccessible(page, 'the FAQ list');

    await page.getByRole('button', { name: '写问答或案例' }).click();
    await page.waitForURL('**/workbench/knowledge/new');
    await choose(page, page.getByLabel('纠纷类别'), '劳动争议');
    await page.getByRole('textbox', { name: '问题' }).fill(title);
    await page.getByRole('textbox', { name: '回答' }).fill('试用期内用人单位解除劳动合同，须证明不符合录用条件。\n<b>不是加粗</b>');

    // A citation typed as people write it; one the picker cannot read is refused in place.
    const citation = page.getByRole('textbox', { name: '要引用的条文' });
    await citation.fill('劳动合同法');
    await page.getByRole('button', { name: '添加引用' }).click();
    await page.getByRole('alert').filter({ hasText: '没有读出条号' }).waitFor();
    await citation.fill('劳动合同法 第82条');
    await citation.press('Enter');
    const cited = page.getByRole('list', { name: '法律依据（引用条文）' });
    await cited.getByText('第八十二条').waitFor();

    // The preview shows the answer as text, line by line, and the legal basis.
    const preview = page.getByTestId('knowledge-preview');
    await preview.getByRole('heading', { name: title }).waitFor();
    await preview.getByText('<b>不是加粗</b>').waitFor();
    expect(await preview.locator('b').count()).toBe(0);
    await preview.getByText(/劳动合同法 第八十二条/).waitFor();
    await checkAccessible(page, 'the FAQ editor');

    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/workbench\/knowledge\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await page.getByText('草稿', { exact: true }).waitFor();
    expect((await server.app.inject({ method: 'GET', url: `/api/public/knowledge/${id}` })).statusCode).toBe(404);

    await page.getByRole('button', { name: /发\s*布/ }).click();
    await confirm(page, /发\s*布/);
    await page.locator('.ant-tag').filter({ hasText: /^已发布$/ }).waitFor();
    await page.getByRole('button', { name: /撤\s*回/ }).waitFor();

    const shown = await server.app.inject({ method: 'GET', url: `/api/public/knowledge/${id}?regionCode=990102001001` });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({ kind: 'faq', title, category: '劳动争议', paragraphs: ['试用期内用人单位解除劳动合同，须证明不符合录用条件。', '<b>不是加粗</b>'] });
    expect(shown.json().citations).toEqual([expect.objectContaining({ articleNo: '第八十二条' })]);

    // Back in the list, filtered to published FAQ entries.
    await page.goto('/workbench/knowledge?kind=faq&status=published');
    await page.getByRole('link', { name: title }).waitFor();
  }, 120_000);

  it('the province admin adds a wording and deactivates it in place; a lawyer reads the table only', async () => {
    const page = await signedIn('provadmin');
    await page.goto('/workbench/wordings');
    await page.getByRole('heading', { level: 1, name: '口语对照表' }).waitFor();
    // The shipped starter set is there (20 rows a page).
    await page.getByText(`共 ${SHIPPED_WORDINGS.length} 条`, { exact: true }).waitFor();
    await page.getByRole('switch', { name: /^启用 .+ → .+$/ }).first().waitFor();

    await page.getByRole('textbox', { name: '口语词' }).fill('工地 摔伤');
    await page.getByRole('textbox', { name: '法律用语' }).fill('工伤 人身损害');
    await page.getByRole('button', { name: /添\s*加/ }).click();
    const toggle = page.getByRole('switch', { name: '启用 工地 摔伤 → 工伤 人身损害' });
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    await checkAccessible(page, 'the wording table');

    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    const login = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'provadmin', password: PASSWORD } });
    const table = await server.app.inject({ method: 'GET', url: '/api/knowledge/wordings?q=摔伤', cookies: Object.fromEntries(login.cookies.map((c) => [c.name, c.value])) });
    expect(table.json().items).toEqual([expect.objectContaining({ everyday: ['工地', '摔伤'], legal: '工伤 人身损害', isActive: false })]);

    const lawyer = await signedIn('lawyer');
    await lawyer.goto('/workbench/wordings');
    await lawyer.getByText('对照表全平台统一').waitFor();
    // The row just added is on top.
    await lawyer.getByRole('switch', { name: '启用 工地 摔伤 → 工伤 人身损害' }).waitFor();
    expect(await lawyer.getByRole('button', { name: /添\s*加/ }).count()).toBe(0);
    expect(await lawyer.getByRole('switch', { name: '启用 工地 摔伤 → 工伤 人身损害' }).isDisabled()).toBe(true);
  }, 120_000);
});
