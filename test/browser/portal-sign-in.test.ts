import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, settled, expectAccessible } from '../helpers/browser';
import { startTestServer } from '../helpers/server';
import { readOneTimeCode, testPhone } from '../helpers/citizens';
import { idCheckChar } from '../../src/server/platform/personal/identity';

// A citizen on a phone (375 px, then 360 px): asks for a code, reads it as the SMS would bring
// it (the test reads it from the outbox; no answer to the browser ever holds it), signs in, fills
// the profile (a wrong ID number first), chooses Tibetan, which the portal then speaks (with the
// Tibetan web font), turns on elder mode, and signs out. axe-core checks the sign-in and profile
// pages, in Chinese, in Tibetan and in elder mode: no serious or critical violation.

const canRun = hasChromium();

async function choose(page: Page, comboboxName: string, option: string) {
  const combobox = page.getByRole('combobox', { name: comboboxName, exact: true });
  await combobox.click();
  // The dropdown holding this option (the previous level's may still be closing).
  const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`.ant-select-item-option[title="${option}"]`) });
  const item = dropdown.locator(`.ant-select-item-option[title="${option}"]`);
  await item.waitFor();
  await settled(dropdown);
  await item.click();
  // Chosen: the select shows it (the next level's select appears after its regions load).
  await page.locator(`.ant-select-selection-item[title="${option}"]`).waitFor();
}

describe.skipIf(!canRun)('portal sign-in and profile in Chromium at phone size (skipped without Chromium)', () => {
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

  it('signs in with an SMS code, fills the profile, switches to Tibetan and elder mode, signs out', async () => {
    context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    const codeAnswers: string[] = [];
    page.on('response', async (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/portal/')) codeAnswers.push(await response.text().catch(() => ''));
    });

    await page.goto('/');
    await page.getByRole('banner').getByRole('link', { name: '登录' }).click();
    await page.getByRole('heading', { level: 1, name: '手机号登录' }).waitFor();
    await expectAccessible(page, 'sign-in');

    // A wrong number is said next to the field, in words.
    await page.getByLabel('手机号码').fill('12345');
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('请输入11位手机号码').waitFor();

    const phone = testPhone();
    await page.getByLabel('手机号码').fill(phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText(`验证码已发送至 ${phone.slice(0, 3)}****${phone.slice(-4)}`).waitFor();
    // The resend button counts down the one-code-a-minute limit.
    await expect(page.getByRole('button', { name: /秒后可重新获取/ }).isDisabled()).resolves.toBe(true);
    await expectAccessible(page, 'sign-in, code step');

    const code = await readOneTimeCode(server.app, phone);
    expect(code).toMatch(/^\d{6}$/);
    // A wrong code is refused in words, with the tries left.
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await page.getByLabel('短信验证码').fill(wrong);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('alert').getByText('验证码不对，还可以再试4次。').waitFor();
    await page.getByLabel('短信验证码').fill(code!);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL('**/me');
    await page.getByRole('heading', { level: 1, name: '我的资料' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: '我的' }).waitFor();
    expect(codeAnswers.length).toBeGreaterThan(0);
    for (const body of codeAnswers) expect(body).not.toContain(code);
    await expectAccessible(page, 'profile');

    // A wrong ID number (check digit) is refused next to its field.
    const first17 = '99010219800101123';
    const good = `${first17}${idCheckChar(first17)}`;
    const bad = `${first17}${good[17] === '0' ? '1' : '0'}`;
    await page.getByLabel('姓名').fill('卓玛');
    await page.getByLabel('身份证号码').fill(bad);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('身份证号码不正确（校验位或出生日期不对），请核对后重新输入。').waitFor();
    await expect(page.getByLabel('身份证号码').getAttribute('aria-invalid')).resolves.toBe('true');

    await page.getByLabel('身份证号码').fill(good);
    await choose(page, '省', '演示省');
    await choose(page, '市', '云岭市');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').getByText('已保存').waitFor();
    await page.getByText('当前：云岭市').waitFor();
    await page.getByText(`已登记：990102********${good.slice(-4)}`).waitFor();

    // Tibetan as the preferred language: the portal speaks it at once, with the Tibetan web font.
    await page.getByRole('radio', { name: 'བོད་ཡིག' }).check();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { level: 1, name: 'ངའི་ཆ་འཕྲིན།' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('bo');
    await page.waitForFunction(() => [...document.fonts].some((font) => font.family.includes('Noto Serif Tibetan')));
    await expectAccessible(page, 'profile in Tibetan');

    // Elder mode: large type, high contrast, on a 360 px screen with nothing wider than it.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByRole('switch', { name: 'ཡིག་གཟུགས་ཆེ་བ།' }).click();
    await expect(page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).resolves.toBe(20);
    const save = page.getByRole('button', { name: 'ཉར་ཚགས།' });
    expect((await save.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > 361)
        .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`)
        .slice(0, 8),
    );
    expect(wide).toEqual([]);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);
    await expectAccessible(page, 'profile in Tibetan, elder mode');

    // A new visit in the same browser: signed in, still in Tibetan.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'ངའི་ཆ་འཕྲིན།' }).waitFor();

    await page.getByRole('button', { name: 'ཕྱིར་ཐོན།' }).click();
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('banner').getByRole('link', { name: 'ནང་འཛུལ།' }).waitFor();
    // Home, and it stays there: the page that needed the session must not send the citizen on to sign-in.
    await page.getByRole('main').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.goto('/me');
    await page.waitForURL('**/sign-in?next=%2Fme');
    await page.getByRole('switch').first().waitFor();
    await expectAccessible(page, 'sign-in in Tibetan, elder mode');
  }, 180_000);
});
