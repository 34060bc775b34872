import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, settled } from '../helpers/browser';
import { signIn, type Session } from '../helpers/http';
import { startTestServer } from '../helpers/server';

// 矛盾纠纷预警 (docs/early-warning.md) as the demo city's supervisor, at 360 px: five workers name one
// brickworks at 东关街道's windows; the supervisor runs the scan from the page, the alert appears, she
// opens it with the keyboard, sees its tickets, acknowledges it and closes it with a note.

const DEMO_PASSWORD = 'santai-demo';
const EMPLOYER = '瑞丰砖厂有限公司';

describe.skipIf(!hasChromium())('early warning in Chromium (skipped without Chromium)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let window: Session;
  const numbers: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    window = await signIn(server.app, 'window', DEMO_PASSWORD);
    for (let i = 0; i < 5; i += 1) {
      const created = await window.request('POST', '/api/tickets', {
        channel: 'window',
        serviceType: i % 2 ? 'consultation' : 'mediation',
        category: '劳动争议',
        regionCode: `99010200100${(i % 3) + 1}`,
        applicant: { name: `砖厂工人${i}`, phone: `1356000000${i}` },
        counterparty: { name: i % 2 ? EMPLOYER : '瑞丰砖厂' },
        description: '砖厂拖欠三个月工资',
      });
      expect(created.statusCode, created.body).toBe(201);
      numbers.push(created.json().number);
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedInPage(username: string, next: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 360, height: 780 } });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`**${next}`);
    return page;
  }

  it('a scan raises the alert; it is opened, acknowledged and closed with a note (at 360 px)', async () => {
    const page = await signedInPage('supervisor', '/workbench/early-warnings');
    await page.getByRole('heading', { name: '矛盾纠纷预警' }).waitFor();
    const scanned = page.waitForResponse((r) => r.url().endsWith('/api/early-warnings/scan') && r.request().method() === 'POST');
    await page.getByRole('button', { name: '立即研判' }).click();
    expect((await scanned).status()).toBe(200);
    // The list reloads with the alert: a card at 360 px, its subject a link.
    const link = page.getByRole('link', { name: /瑞丰砖厂/ });
    await link.waitFor();
    const card = page.getByRole('article').filter({ has: link });
    expect(await card.textContent()).toContain('同一对象多人反映');
    expect(await card.textContent()).toContain('5人 / 5件');
    const fitsWidth = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await fitsWidth(), 'the list fits 360 px').toBe(true);
    // Keyboard: focus the link and press Enter.
    await link.focus();
    await link.press('Enter');
    await page.waitForURL('**/workbench/early-warnings/*');
    await page.locator('[data-testid="alert-state"][data-state="open"]').waitFor();
    // The tickets behind it, each a link to its page; applicants masked.
    for (const number of numbers) await page.getByRole('link', { name: number }).waitFor();
    expect(await page.content()).not.toContain('砖厂工人');
    expect(await fitsWidth(), 'the detail fits 360 px').toBe(true);

    await page.getByRole('button', { name: '签收' }).click();
    let dialog = page.getByRole('dialog', { name: '签收' });
    await settled(dialog);
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await page.locator('[data-testid="alert-state"][data-state="acknowledged"]').waitFor();

    await page.getByRole('button', { name: '办结' }).click();
    dialog = page.getByRole('dialog', { name: '办结' });
    await settled(dialog);
    // Closing needs a note: the form says so before anything is sent.
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.getByText('办结须填写处置说明').waitFor();
    await dialog.getByLabel('处置说明').fill('已约谈砖厂负责人，工资月底前结清');
    const closed = page.waitForResponse((r) => r.url().includes('/actions') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    expect((await closed).status()).toBe(200);
    await page.locator('[data-testid="alert-state"][data-state="closed"]').waitFor();
    await page.locator('#workbench-main').getByText('已约谈砖厂负责人，工资月底前结清').waitFor();
    expect(await page.getByRole('button', { name: '办结' }).count()).toBe(0);
  }, 120_000);
});
