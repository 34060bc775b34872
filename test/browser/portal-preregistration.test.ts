import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, settled, expectAccessible } from '../helpers/browser';
import { startTestServer } from '../helpers/server';
import { readOneTimeCode, testPhone } from '../helpers/citizens';
import { fixedClock } from '../../src/server/platform/clock';
import { DEMO_PASSWORD } from '../../src/server/seed/demo';

// 预登记 on a 360 px phone: a citizen goes through the guided steps for a notarization of an
// inheritance (service → matter → region and questions → checklist with its articles → the one
// notary office offered → submit), sees it submitted; the window records the provider's "materials
// needed" in the workbench's API; the citizen's page then shows what to bring. axe-core checks
// each step: no serious or critical violation.

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

describe.skipIf(!canRun)('portal pre-registration in Chromium at 360 px (skipped without Chromium)', () => {
  const clock = fixedClock(new Date('2026-11-18T10:00:00+08:00'));
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

  it('guides a notarization pre-registration to the notary office and shows the provider\'s status', { timeout: 180_000 }, async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', timezoneId: 'America/New_York', viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    context.setDefaultTimeout(30_000);
    contexts.push(context);
    const phone = testPhone();
    expect((await context.request.post('/api/portal/auth/codes', { data: { phone } })).status()).toBe(202);
    const code = await readOneTimeCode(server.app, phone);
    expect((await context.request.post('/api/portal/auth/sign-in', { data: { phone, code } })).status()).toBe(200);
    const page = await context.newPage();

    await page.goto('/guides/notarization');
    await page.getByRole('link', { name: /预登记/ }).click();
    await page.getByRole('heading', { level: 2, name: /选择服务/ }).waitFor();
    // Arrived with ?service=notarization: the choice is made, the next step is open.
    await expect(page.getByRole('radio', { name: '公证' }).isChecked()).resolves.toBe(true);
    await expectAccessible(page, 'service step');
    await page.getByRole('button', { name: '下一步' }).click();

    await page.getByRole('heading', { level: 2, name: /选择事项/ }).waitFor();
    await page.getByRole('radio', { name: '继承' }).check();
    await page.getByRole('button', { name: '下一步' }).click();

    await page.getByRole('heading', { level: 2, name: /回答问题/ }).waitFor();
    const next = page.getByRole('button', { name: '下一步' });
    await expect(next.isDisabled()).resolves.toBe(true);
    await choose(page, '省', '演示省');
    await choose(page, '市', '云岭市');
    await choose(page, '县（区）', '青川区');
    await page.getByRole('radiogroup', { name: /境外使用/ }).getByRole('radio', { name: '否' }).check();
    await page.getByRole('radiogroup', { name: /全部法定继承人/ }).getByRole('radio', { name: '是' }).check();
    await expectAccessible(page, 'questions step');
    await next.click();

    await page.getByRole('heading', { level: 2, name: /材料清单/ }).waitFor();
    await page.getByRole('checkbox', { name: /被继承人死亡证明/ }).check();
    await page.getByRole('button', { name: /《中华人民共和国公证法》第二十五条/ }).waitFor();
    await expectAccessible(page, 'checklist step');
    await page.getByRole('button', { name: '下一步' }).click();

    await page.getByRole('heading', { level: 2, name: /选择机构/ }).waitFor();
    // The county has no notary office: the city's is offered, and chosen as the only one.
    await expect(page.getByRole('radio', { name: /云岭市公证处/ }).isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: '下一步' }).click();

    await page.getByRole('heading', { level: 2, name: /提交/ }).waitFor();
    await page.getByLabel('申请人姓名').fill('卓玛');
    await page.getByRole('button', { name: '提交预登记' }).click();
    await page.getByText('已提交预登记').waitFor();
    await expect(page.getByTestId('preregistration-status').textContent()).resolves.toBe('已提交');
    await expectAccessible(page, 'my pre-registration');
    const id = page.url().split('/').pop()!;
    // Nothing wider than the phone.
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);

    // The window records what the notary office reported.
    const desk = await browser.newContext({ baseURL: server.url });
    contexts.push(desk);
    expect((await desk.request.post('/api/auth/login', { data: { username: 'dispatcher', password: DEMO_PASSWORD } })).status()).toBe(200);
    const csrf = (await desk.cookies()).find((c) => c.name === 'santai_csrf')!.value;
    const recorded = await desk.request.post(`/api/preregistrations/${id}/status`, {
      data: { updateId: 'browser-1', status: 'materials_needed', materialsNeeded: ['全部继承人的户口簿原件'] },
      headers: { 'x-csrf-token': csrf },
    });
    expect(recorded.status(), await recorded.text()).toBe(201);

    await page.reload();
    await expect(page.getByTestId('preregistration-status').textContent()).resolves.toBe('需补充材料');
    await page.getByText('全部继承人的户口簿原件').first().waitFor();
  });
});
