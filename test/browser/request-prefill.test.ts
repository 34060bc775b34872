import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, settled } from '../helpers/browser';
import { startTestServer } from '../helpers/server';
import { readOneTimeCode, testPhone } from '../helpers/citizens';
import type { FastifyInstance } from 'fastify';

// The consultation assistant's answer links to the portal's request form filled in with the
// question and its category (`online_request`). A citizen who follows it without being signed in
// signs in and comes back to the same filled-in form; the form submits what it was filled with.

const canRun = hasChromium();

/** Picks `option` in the select labelled `name` (an Ant Design combobox), once its list has stopped moving. */
async function choose(page: Page, name: string, option: string | RegExp) {
  await page.getByRole('combobox', { name, exact: true }).click();
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const item = open.locator('.ant-select-item-option').filter({ hasText: option }).first();
  await item.waitFor();
  await settled(open);
  await item.click();
  await page.waitForFunction(() => document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').length === 0);
}

describe.skipIf(!canRun)('the assistant\'s pre-filled request form in Chromium (skipped without Chromium)', () => {
  let server: { url: string; app: FastifyInstance; close(): Promise<void> };
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

  it('follows the answer\'s link through sign-in to the form filled in, and submits it', async () => {
    context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    context.setDefaultTimeout(20_000);
    const question = '公司拖欠我三个月工资，还不给我交社保，怎么办？';
    const asked = await context.request.post('/api/assistant/ask', { data: { question } });
    expect(asked.status(), await asked.text()).toBe(200);
    const answer = await asked.json();
    expect(answer.category).toBe('劳动争议');
    const link: string = answer.nextSteps.find((s: { kind: string }) => s.kind === 'online_request').href;
    expect(link).toMatch(/^\/requests\/new\/consultation\?/);

    const page = await context.newPage();
    await page.goto(link);
    // Not signed in: the sign-in page keeps the whole address, query and all, to come back to.
    await page.waitForURL(/\/sign-in\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe(link);
    const phone = testPhone();
    expect((await context.request.post('/api/portal/auth/codes', { data: { phone } })).status()).toBe(202);
    const code = await readOneTimeCode(server.app, phone);
    expect((await context.request.post('/api/portal/auth/sign-in', { data: { phone, code } })).status()).toBe(200);
    await page.goto(new URL(page.url()).searchParams.get('next')!);

    await page.getByRole('heading', { level: 1, name: '法律咨询' }).waitFor();
    await expect(page.getByLabel('您想咨询的问题').inputValue()).resolves.toBe(question);
    await expect(page.locator('.ant-select-selection-item').filter({ hasText: /^劳动争议/ }).count()).resolves.toBe(1);

    await page.getByLabel('您的姓名').fill('李桂兰');
    await choose(page, '省', '演示省');
    await choose(page, '市', '云岭市');
    await choose(page, '县（区）', '青川区');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('status').getByText(/提交成功，申请编号/).waitFor();
    const mine = await (await context.request.get('/api/portal/requests')).json();
    expect(mine.items[0]).toMatchObject({ category: '劳动争议', description: question });
  });
});
