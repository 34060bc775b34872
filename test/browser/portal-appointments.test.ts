import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, settled, expectAccessible } from '../helpers/browser';
import { startTestServer } from '../helpers/server';
import { readOneTimeCode, testPhone } from '../helpers/citizens';
import { formatBeijingDateTime } from '../../src/server/platform/beijing-time';

// 预约 on a phone (360 px): a citizen, signed in, chooses the demo county center, a service, a
// day and a time, confirms, and sees the booking with its code; the window clerk of that county
// finds it in the day's list in the workbench; the citizen cancels it. axe-core checks
// /appointments (anonymous, with the slots shown, and signed in): no serious or critical violation.

const PASSWORD = 'santai-demo';
const VENUE = '青川区公共法律服务中心';
const canRun = hasChromium();

/** Picks an option of an antd Select by its label, with the keyboard: type, wait for the match, Enter. */
async function choose(page: Page, label: string, option: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  await field.fill(option);
  await page.getByRole('option', { name: option }).first().waitFor({ state: 'attached' });
  await field.press('Enter');
  await field
    .locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]')
    .locator('.ant-select-selection-item')
    .filter({ hasText: option })
    .waitFor();
}

/** Chooses a radio with the keyboard and waits until it shows chosen. */
async function pick(radio: Locator) {
  await radio.focus();
  await radio.press('Space');
  await radio.and(radio.page().getByRole('radio', { checked: true })).waitFor({ state: 'attached' });
}

describe.skipIf(!canRun)('portal appointments in Chromium at phone size (skipped without Chromium)', () => {
  let server: { url: string; app: FastifyInstance; close(): Promise<void> };
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

  async function phoneContext(): Promise<BrowserContext> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    return context;
  }

  /** Signs a citizen in through the portal API in this context (the code read from the outbox, as the SMS brings it). */
  async function signInCitizen(context: BrowserContext): Promise<void> {
    const phone = testPhone();
    expect((await context.request.post('/api/portal/auth/codes', { data: { phone, purpose: 'sign_in' } })).status()).toBe(202);
    const code = await readOneTimeCode(server.app, phone, 'sign_in');
    expect((await context.request.post('/api/portal/auth/sign-in', { data: { phone, code } })).status()).toBe(200);
  }

  it('anyone sees the open slots; axe finds nothing serious', async () => {
    const page = await (await phoneContext()).newPage();
    await page.goto('/appointments');
    await page.getByRole('heading', { level: 1, name: '预约办理' }).waitFor();
    await choose(page, '服务场所', VENUE);
    await choose(page, '服务事项', '法律咨询');
    await pick(page.getByRole('radiogroup', { name: '选择日期' }).getByRole('radio').first());
    await page.getByRole('radiogroup', { name: '选择时段' }).getByRole('radio').first().waitFor();
    await pick(page.getByRole('radiogroup', { name: '选择时段' }).getByRole('radio').first());
    // Not signed in: the page offers the sign-in instead of the form.
    await page.getByText('登录后即可预约这个时段。').waitFor();
    await expectAccessible(page, 'anonymous /appointments');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it('in Tibetan and in elder mode: the page speaks Tibetan, fits 360 px, and axe finds nothing serious', async () => {
    const context = await phoneContext();
    await context.addInitScript(() => {
      localStorage.setItem('santai.lang', 'bo');
      localStorage.setItem('santai.elder', '1');
    });
    const page = await context.newPage();
    await page.goto('/appointments');
    await page.getByRole('heading', { level: 1, name: 'སྔོན་འཁེལ།' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.classList.contains('elder-mode'))).resolves.toBe(true);
    await choose(page, 'ཞབས་ཞུའི་ས་ཚིགས།', VENUE);
    await choose(page, 'ཞབས་ཞུའི་རིགས།', 'ཁྲིམས་ལུགས་བློ་འདྲི།');
    await pick(page.getByRole('radiogroup', { name: 'ཚེས་གྲངས་འདེམས་པ།' }).getByRole('radio').first());
    await page.getByRole('radiogroup', { name: 'དུས་ཚོད་འདེམས་པ།' }).getByRole('radio').first().waitFor();
    await expectAccessible(page, 'Tibetan elder /appointments');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it('a citizen books and cancels; the window clerk sees the booking in the day list', async () => {
    const context = await phoneContext();
    await signInCitizen(context);
    const page = await context.newPage();
    await page.goto('/appointments');
    await page.getByRole('heading', { level: 2, name: '我的预约' }).waitFor();
    await page.getByText('还没有预约。').waitFor();
    await choose(page, '服务场所', VENUE);
    await choose(page, '服务事项', '法律咨询');
    await pick(page.getByRole('radiogroup', { name: '选择日期' }).getByRole('radio').first());
    await pick(page.getByRole('radiogroup', { name: '选择时段' }).getByRole('radio').first());
    await page.getByLabel('联系人姓名').fill('卓玛');
    await page.getByLabel('手机号码').fill('13912345678');
    await page.getByLabel('想咨询或办理的事情（选填）').fill('劳动合同纠纷');
    await expectAccessible(page, 'signed-in /appointments with the form');
    await page.getByRole('button', { name: '确认预约' }).click();
    await page.getByText(/预约成功/).waitFor();

    const card = page.locator('.appointment-card').first();
    await card.getByText('已预约').waitFor();
    const code = (await card.locator('.appointment-code').textContent())!.trim();
    expect(code).toMatch(/^[2-9A-Z]{8}$/);
    // Where and when, for the clerk's page.
    const [mine] = (await (await context.request.get('/api/appointments/bookings')).json()).items;
    const date = formatBeijingDateTime(new Date(mine.slot.startsAt)).slice(0, 10);

    // The window clerk of 青川区 opens the day's appointments of the center.
    const staff = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 360, height: 740 } });
    staff.setDefaultTimeout(20_000);
    contexts.push(staff);
    const clerk = await staff.newPage();
    const next = `/workbench/appointments/day?venue=${mine.venue.id}&date=${date}`;
    await clerk.goto(`/login?next=${encodeURIComponent(next)}`);
    await clerk.getByLabel('用户名').fill('window');
    await clerk.getByLabel('密码').fill(PASSWORD);
    await clerk.getByRole('button', { name: '登录' }).click();
    await clerk.waitForURL(`**${next}`);
    const row = clerk.getByRole('row').filter({ hasText: code });
    await row.waitFor();
    await row.getByText('卓玛').waitFor();
    await row.getByText('13912345678').waitFor();
    await row.getByText('已预约').waitFor();
    const fits = () => clerk.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    await expect(fits()).resolves.toBe(true);
    if (process.env.APPOINTMENTS_SCREENSHOTS) {
      await page.screenshot({ path: '/tmp/appt-portal.png', fullPage: true });
      await clerk.screenshot({ path: '/tmp/appt-day.png', fullPage: true });
    }

    // The citizen cancels.
    await card.getByRole('button', { name: '取消预约' }).click();
    const confirm = card.getByRole('group', { name: '确定要取消这个预约吗？' });
    await confirm.waitFor();
    await settled(confirm);
    await confirm.getByRole('button', { name: '确定取消' }).click();
    await page.getByText('预约已取消。').waitFor();
    await page.locator('.appointment-card').first().getByText('已取消').waitFor();
    await expect(page.locator('.appointment-card').first().getByRole('button', { name: '取消预约' }).count()).resolves.toBe(0);

    // The clerk's list says so after a reload.
    await clerk.reload();
    await clerk.getByRole('row').filter({ hasText: code }).getByText('已取消').waitFor();

    // The clerk's slot page at phone width: the slots of the day, the bulk form, nothing wider than the screen.
    await clerk.goto(`/workbench/appointments/slots?venue=${mine.venue.id}&from=${date}`);
    await clerk.getByRole('heading', { level: 1, name: '预约时段' }).waitFor();
    await clerk.getByRole('button', { name: '开放时段' }).waitFor();
    await clerk.getByRole('row').nth(1).waitFor();
    await expect(fits()).resolves.toBe(true);
    if (process.env.APPOINTMENTS_SCREENSHOTS) await clerk.screenshot({ path: '/tmp/appt-slots.png', fullPage: true });
  });
});
