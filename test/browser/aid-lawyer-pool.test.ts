import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, settled } from '../helpers/browser';
import { startTestServer } from '../helpers/server';

// The aid lawyer pool page (docs/legal-aid-pool.md) as the county center's reviewer: approve the
// county's lawyer into the pool with a field and the practice start, see the rotation suggest
// them, suspend them with a reason and see the reason and the history.

const PASSWORD = 'santai-demo';
const canRun = hasChromium();

describe.skipIf(!canRun)('aid lawyer pool in Chromium (skipped without Chromium)', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function choose(page: Page, field: Locator, typed: string, option: string | RegExp) {
    await field.click();
    await field.fill(typed);
    await page.getByRole('option', { name: option }).first().waitFor({ state: 'attached' });
    await field.press('Enter');
  }

  it('approve, suggest, suspend with a reason, history', async () => {
    context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN' });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await page.goto(`/login?next=${encodeURIComponent('/workbench/legal-aid/lawyers')}`);
    await page.getByLabel('用户名').fill('reviewer');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/workbench/legal-aid/lawyers');
    await page.getByText('律师库暂无律师').first().waitFor();

    await page.getByRole('button', { name: '律师入库' }).click();
    const dialog = page.getByRole('dialog', { name: '律师入库（批准加入律师库）' });
    await dialog.waitFor();
    await settled(dialog);
    await choose(page, dialog.getByLabel('律师', { exact: true }), '吴', /吴律师/);
    await choose(page, dialog.getByLabel('擅长领域'), '刑事', '刑事');
    await dialog.getByLabel('执业起始日期').fill('2015-03-01');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    const row = page.getByRole('row', { name: /吴律师/ });
    await row.getByText('在库').waitFor();
    await row.getByText('刑事').waitFor();

    // Art. 26 ticked: the eleven-year criminal defender is next.
    await page.getByRole('checkbox', { name: /第二十六条/ }).check();
    await page.getByRole('button', { name: '推荐下一位' }).click();
    const suggestion = page.getByRole('status').filter({ hasText: '按轮流指派' });
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toContain('吴律师');

    await row.getByRole('button', { name: '暂停指派' }).click();
    const suspend = page.getByRole('dialog', { name: /暂停指派/ });
    await suspend.waitFor();
    await suspend.getByLabel('原因').fill('年度考核不合格');
    await suspend.getByRole('button', { name: /保\s*存/ }).click();
    await suspend.waitFor({ state: 'hidden', timeout: 30_000 });
    await row.getByText('年度考核不合格').waitFor();

    await row.getByRole('button', { name: /吴律师/ }).click();
    const history = page.getByRole('dialog', { name: /变更记录/ });
    await history.getByText(/入库/).first().waitFor();
    await history.getByText(/暂停指派.*年度考核不合格/).waitFor();
  }, 180_000);
});
