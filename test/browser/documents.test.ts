import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, expectAccessible, hasChromium, settled } from '../helpers/browser';
import { startTestServer } from '../helpers/server';
import { signIn } from '../helpers/http';

// 文书 in the workbench: the window clerk generates a refusal decision for a legal aid ticket
// from its page ("生成文书"), sees it listed with its verification code, and anyone opens the
// public verify page with that code, on a 360 px phone screen.

const PASSWORD = 'santai-demo';
const canRun = hasChromium();

describe.skipIf(!canRun)('documents in Chromium (skipped without Chromium)', () => {
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

  async function newPage(options: { viewport?: { width: number; height: number } } = {}): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', ...options });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    return context.newPage();
  }

  /** Types into an antd Select and takes the first match with Enter, then waits until it shows. */
  async function choose(page: Page, field: Locator, typed: string, option: string) {
    await field.click();
    await field.fill(typed);
    await page.getByRole('option', { name: option }).first().waitFor({ state: 'attached' });
    await field.press('Enter');
    const select = field.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
    await select.locator('.ant-select-selection-item').filter({ hasText: option }).waitFor();
  }

  it('generates a decision from the ticket page, lists it with its code, and the verify page confirms it', async () => {
    // The ticket, taken in through the API by the same clerk (the intake form has its own test).
    const clerk = await signIn(server.app, 'window', PASSWORD);
    const created = await clerk.request('POST', '/api/tickets', {
      channel: 'window',
      serviceType: 'legal_aid',
      category: '劳动争议',
      regionCode: '990102001',
      applicant: { name: '韩梅梅', phone: '13700001111' },
      description: '工资被拖欠两个月，申请法律援助',
    });
    expect(created.statusCode).toBe(201);
    const { id, number } = created.json() as { id: string; number: string };

    const page = await newPage();
    await page.goto(`/login?next=${encodeURIComponent(`/workbench/tickets/${id}`)}`);
    await page.getByLabel('用户名').fill('window');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`**/workbench/tickets/${id}`);

    await page.getByRole('button', { name: '生成文书' }).click();
    const dialog = page.getByRole('dialog', { name: '生成文书' });
    await dialog.waitFor();
    await settled(dialog);
    await choose(page, dialog.getByLabel('文书种类'), '决定书', '给予/不予法律援助决定书');
    await choose(page, dialog.getByLabel('决定', { exact: true }), '不予', '不予法律援助');
    await dialog.getByLabel('理由').fill('家庭人均月收入高于本省经济困难标准');
    await dialog.getByRole('radio', { name: 'Word (DOCX)' }).check();
    await dialog.getByRole('button', { name: /生\s*成/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });

    // Listed in the documents card (above the attachments), with its code.
    const fileLinks = page.getByRole('link', { name: new RegExp(`^不予法律援助决定书-${number}-.{4}\\.docx$`) });
    await fileLinks.first().waitFor();
    const code = ((await page.getByTestId('verification-code').first().textContent()) ?? '').trim();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await fileLinks.first().textContent()).toContain(code.slice(0, 4));
    // The file is also among the ticket's attachments.
    await fileLinks.nth(1).waitFor();

    // Anyone, on a phone: from the portal's footer to the verify page, the code typed in by hand.
    const phone = await newPage({ viewport: { width: 360, height: 740 } });
    await phone.goto('/');
    await phone.getByRole('contentinfo').getByRole('link', { name: '文书核验' }).click();
    await phone.waitForURL('**/verify');
    await phone.getByLabel('验证码').fill(code.toLowerCase().replace(/-/g, ' '));
    await phone.getByRole('button', { name: /核\s*验/ }).click();
    const found = phone.getByRole('region', { name: '本平台出具过该文书' });
    await found.waitFor();
    await found.getByText(number).waitFor();
    await found.getByText('给予/不予法律援助决定书（DOCX）').waitFor();
    await found.getByText('韩*').waitFor();
    expect(await found.textContent()).not.toContain('韩梅梅');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(phone, 'verify page');

    // An unknown code says so.
    await phone.goto('/verify/AAAA-BBBB-CCCC-DDDD');
    await phone.getByRole('alert').getByText('未找到该验证码对应的文书', { exact: false }).waitFor();
  }, 180_000);
});
