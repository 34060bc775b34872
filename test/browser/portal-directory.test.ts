import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, settled } from '../helpers/browser';
import { startTestServer } from '../helpers/server';

// The public directory at phone width (issue 8): a lawyer makes their office phone public in
// the workbench (我的公开名片), the preview shows it, and the portal's directory shows it on
// their page with the contact card's QR code. axe-core finds no serious or critical problem
// on /directory or a person's page. The demo seeds 吴律师 listed with a private office phone.

const PASSWORD = 'santai-demo';
const PHONE = '0999-2234501';
const canRun = hasChromium();

describe.skipIf(!canRun)('the public directory in Chromium (skipped without Chromium)', () => {
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

  async function phone(username?: string, storage: Record<string, string> = {}): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    // A language and elder mode chosen on an earlier visit (app/i18n.ts, app/preferences.tsx).
    await context.addInitScript((entries) => {
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
    }, storage);
    if (username) expect((await context.request.post('/api/auth/login', { data: { username, password: PASSWORD } })).status()).toBe(200);
    return context.newPage();
  }

  async function seriousViolations(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    // A guard on the guard: axe looked at the page (an empty run would pass vacuously).
    expect(results.passes.length).toBeGreaterThan(10);
    return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }

  const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  it('a lawyer makes their office phone public; the directory shows it with the QR code of the card', async () => {
    const before = await (await fetch(`${server.url}/api/directory/people?q=${encodeURIComponent('吴律师')}`)).text();
    expect(before).toContain('吴律师');
    expect(before).not.toContain(PHONE);

    const workbench = await phone('lawyer');
    await workbench.goto('/workbench/directory/my-profile');
    await workbench.getByRole('heading', { level: 1, name: '我的公开名片' }).waitFor();
    const preview = workbench.getByTestId('public-preview');
    await preview.getByText('吴律师').waitFor();
    expect(await preview.textContent()).not.toContain(PHONE);
    // By keyboard: the switch is reached by its label and turned on with the space bar.
    const makePublic = workbench.getByRole('switch', { name: '公开办公电话' });
    await makePublic.focus();
    await workbench.keyboard.press('Space');
    expect(await makePublic.getAttribute('aria-checked')).toBe('true');
    await workbench.getByRole('button', { name: '保存' }).click();
    // The preview is the server's public presentation after the save.
    await preview.getByRole('link', { name: PHONE }).waitFor();
    expect(await pageWidth(workbench)).toBeLessThanOrEqual(360);

    const portal = await phone();
    await portal.goto('/directory?tab=people');
    await portal.getByRole('heading', { level: 1, name: '法律服务名录' }).waitFor();
    const link = portal.getByRole('link', { name: '吴律师' });
    await link.waitFor();
    // Not listed by its owner: never in the directory.
    expect(await portal.getByRole('link', { name: '林调解' }).count()).toBe(0);
    expect(await pageWidth(portal)).toBeLessThanOrEqual(360);
    await link.focus();
    await portal.keyboard.press('Enter');
    await portal.getByRole('heading', { level: 1, name: '吴律师' }).waitFor();
    await portal.getByRole('link', { name: PHONE }).waitFor();
    const qr = portal.getByRole('img', { name: '吴律师的联系名片二维码' });
    await qr.waitFor();
    await qr.evaluate((img: HTMLImageElement) => (img.complete ? undefined : new Promise((resolve) => img.addEventListener('load', resolve, { once: true }))));
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    // The QR code encodes the card, which carries the phone now public.
    const vcard = await (await fetch(`${server.url}${await portal.getByRole('link', { name: '下载名片（vCard）' }).getAttribute('href')}`)).text();
    expect(vcard).toContain(`TEL;TYPE=WORK,VOICE:${PHONE}`);
    expect(await pageWidth(portal)).toBeLessThanOrEqual(360);
  }, 180_000);

  it("axe-core finds no serious or critical problem on /directory and on a person's page", async () => {
    const page = await phone();
    await page.goto('/directory');
    await page.getByRole('link', { name: '青川区公共法律服务中心' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto('/directory?tab=people');
    await page.getByRole('link', { name: '郭律师' }).click();
    await page.getByRole('heading', { level: 1, name: '郭律师' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  }, 180_000);

  it('in Tibetan and elder mode the directory is in Tibetan, fits 360 px and passes axe-core', async () => {
    const page = await phone(undefined, { 'santai.lang': 'bo', 'santai.elder': '1' });
    await page.goto('/directory?tab=providers');
    await page.getByRole('heading', { level: 1, name: 'ཁྲིམས་ལུགས་ཞབས་ཞུའི་ཐོ་གཞུང་།' }).waitFor();
    await page.getByRole('link', { name: '云岭市公证处' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.classList.contains('elder-mode'))).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('bo');
    // An unlisted provider is not in the directory.
    expect(await page.getByRole('link', { name: '柳河镇法律服务所' }).count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    expect(await seriousViolations(page)).toEqual([]);
  }, 180_000);

  it('an admin adds a provider at phone width; the portal lists it under its kind', async () => {
    const page = await phone('admin');
    await page.goto('/workbench/directory/providers');
    await page.getByRole('heading', { level: 1, name: '法律服务机构' }).waitFor();
    await page.getByRole('button', { name: '新增机构' }).click();
    const dialog = page.getByRole('dialog', { name: '新增机构' });
    await dialog.waitFor();
    await settled(dialog);
    await dialog.getByLabel('机构名称').fill('云岭公平律师事务所');
    await dialog.getByLabel('地址').fill('云岭市文化路 9 号');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('云岭公平律师事务所').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);

    const portal = await phone();
    await portal.goto(`/directory?tab=providers&kind=law_firm&q=${encodeURIComponent('公平')}`);
    await portal.getByRole('link', { name: '云岭公平律师事务所' }).click();
    await portal.getByRole('heading', { level: 1, name: '云岭公平律师事务所' }).waitFor();
    await portal.getByRole('link', { name: '在地图中查看' }).waitFor();
  }, 180_000);
});
