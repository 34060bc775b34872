import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, request, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from '../helpers/browser';
import { startTestServer } from '../helpers/server';

// Flows a person does in the web front end, driven through accessible names (roles and
// labels), never CSS classes: if a screen reader cannot find it, the test cannot either.

const PASSWORD = 'santai-demo';

// hasChromium() prints why the suite is skipped when there is no Chromium.
const canRun = hasChromium();

describe.skipIf(!canRun)('web front end in Chromium (skipped without Chromium)', () => {
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

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN' });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    return context.newPage();
  }

  async function signIn(page: Page, username: string, next = '/workbench') {
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
  }

  it('signs a dispatcher in, shows the shell for that account, and switches to English', async () => {
    const page = await newPage();
    await signIn(page, 'dispatcher');
    await page.waitForURL('**/workbench');

    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('menuitem', { name: '工作台首页' }).waitFor();
    await nav.getByRole('menuitem', { name: '行政区划' }).waitFor();
    await nav.getByRole('menuitem', { name: '服务场所' }).waitFor();
    // A dispatcher manages neither accounts nor reads the audit log.
    await expect(nav.getByRole('menuitem', { name: '账户管理' }).count()).resolves.toBe(0);

    const account = page.getByRole('region', { name: '当前账户' });
    await expect(account.textContent()).resolves.toMatch(/李调度/);
    await expect(account.textContent()).resolves.toMatch(/调度员/);
    await expect(account.textContent()).resolves.toMatch(/云岭市/);

    await page.getByRole('button', { name: /Language/ }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();

    const englishNav = page.getByRole('navigation', { name: 'Main navigation' });
    await englishNav.getByRole('menuitem', { name: 'Regions' }).waitFor();
    await englishNav.getByRole('menuitem', { name: 'Venues' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await expect(page.getByRole('region', { name: 'Current account' }).textContent()).resolves.toMatch(/Dispatcher/);
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await expect(page.evaluate(() => localStorage.getItem('santai.lang'))).resolves.toBe('en');
  });

  it('answers a wrong sign-in with one message that does not say which part was wrong, and says how long a pause lasts', async () => {
    // A username without an account, paused exactly as an account would be, so no
    // demo account is paused for the other tests. These six attempts count toward the
    // browser's address (10 failures per 15 minutes); no other test here fails a sign-in.
    const page = await newPage();
    await page.goto('/login');
    await page.getByLabel('用户名').fill('nobody-here');
    const alert = page.getByRole('alert');
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel('密码').fill(`wrong-pass-${i}`);
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
      await page.getByRole('button', { name: '登录' }).click();
      expect((await answered).status()).toBe(401);
    }
    await alert.getByText('用户名或密码错误，或账户已停用').waitFor();
    await alert.getByText(/多次登录失败后，登录将暂停一段时间/).waitFor();

    await page.getByLabel('密码').fill('wrong-pass-6');
    const paused = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await page.getByRole('button', { name: '登录' }).click();
    expect((await paused).status()).toBe(429);
    await alert.getByText('登录失败次数过多，请 15 分钟后再试').waitFor();
  });

  it('shows a village advisor no venue of another county, even by URL', async () => {
    // Find the id of the other county's center as the admin, through the API.
    const admin = await request.newContext({ baseURL: server.url });
    const login = await admin.post('/api/auth/login', { data: { username: 'admin', password: PASSWORD } });
    expect(login.status()).toBe(200);
    const list = await admin.get('/api/venues', { params: { q: '青川区公共法律服务中心', limit: 10 } });
    expect(list.status()).toBe(200);
    const { items } = (await list.json()) as { items: { id: string; name: string }[] };
    const venue = items.find((v) => v.name === '青川区公共法律服务中心');
    expect(venue).toBeDefined();
    await admin.dispose();

    const page = await newPage();
    await signIn(page, 'advisor', `/workbench/venues/${venue!.id}`);
    await page.waitForURL(`**/workbench/venues/${venue!.id}`);

    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/不存在|无权/);
    await page.getByText('找不到该内容').waitFor();
    const body = (await page.getByRole('main').textContent()) ?? '';
    expect(body).not.toContain('青川区公共法律服务中心');
    expect(body).not.toContain('0999-2234567');
  });

  it('renders the portal home without login and enlarges text in elder mode', async () => {
    const page = await newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: '三台 · 公共法律服务平台' }).waitFor();
    await page.getByRole('link', { name: '12348', exact: true }).waitFor();
    // The portal's header has the hotline one tap away on every citizen page.
    await expect(page.getByRole('banner').getByRole('link', { name: '拨打12348法律服务热线' }).getAttribute('href')).resolves.toBe('tel:12348');
    await page.getByRole('heading', { name: '法律援助' }).waitFor();
    // 12 entries, every one leading somewhere: the requests, the guides, the directory, law search and the assistant.
    await expect(page.getByText('即将开放').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: '法律法规查询' }).getAttribute('href')).resolves.toBe('/laws');
    await page.getByRole('link', { name: '工作人员登录' }).first().waitFor();

    // 人民调解 is a card's heading, and in elder mode one of the four big buttons of the simplified home.
    const mediation = page.getByRole('link', { name: '人民调解' });
    const sizeOf = () => mediation.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const before = await sizeOf();
    expect(await rootSize()).toBe(16);

    const toggle = page.getByRole('switch', { name: '长辈模式' });
    await toggle.click();
    await expect(toggle.getAttribute('aria-checked')).resolves.toBe('true');
    expect(await rootSize()).toBe(20);
    await page.getByRole('link', { name: '拨打 12348 法律服务热线' }).waitFor();
    expect(await sizeOf()).toBeGreaterThan(before);
    await expect(page.evaluate(() => localStorage.getItem('santai.elder'))).resolves.toBe('1');

    // The choice survives a reload.
    await page.reload();
    await page.getByRole('switch', { name: '长辈模式' }).waitFor();
    expect(await rootSize()).toBe(20);
  });
});
