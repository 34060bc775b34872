import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, settled } from '../helpers/browser';
import { startTestServer } from '../helpers/server';

// One walk-in request through its whole life, each person in their own browser: the window
// takes it in, the dispatcher accepts and assigns it, the lawyer handles and resolves it, the
// hotline operator follows up and records the rating, and the timeline shows every step on an
// intact audit chain. Driven by roles and labels only, as a screen reader user would.

const PASSWORD = 'santai-demo';
const canRun = hasChromium();

/** Waits until the antd Select around `field` shows `option` as its value. */
async function selectShows(field: Locator, option: string | RegExp) {
  const select = field.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  await select.locator('.ant-select-selection-item').filter({ hasText: option }).waitFor();
}

/** Picks a radio with the keyboard, as with the checkbox in the intake form, and waits until it shows chosen. */
async function selectRadio(radio: Locator) {
  await radio.press('Space');
  await radio.and(radio.page().getByRole('radio', { checked: true })).waitFor({ state: 'attached' });
}

describe.skipIf(!canRun)('ticket workbench in Chromium (skipped without Chromium)', () => {
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

  /** A person: their own browser context (cookies), signed in, on `next`. */
  async function signedIn(username: string, next: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN' });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`**${next}`);
    return page;
  }

  /**
   * Picks an option in an antd Select with the keyboard: type to filter, wait for the match,
   * Enter takes the first one (a click on the list can land on a row that is still moving
   * on a loaded machine). Then waits until the field shows the choice, so a lost choice
   * fails here, naming the field, rather than later.
   */
  async function choose(page: Page, field: Locator, typed: string, option: string | RegExp) {
    await field.click();
    await field.fill(typed);
    await page.getByRole('option', { name: option }).first().waitFor({ state: 'attached' });
    await field.press('Enter');
    await selectShows(field, option);
  }

  /** Clicks an action button, fills its dialog and confirms; waits for the dialog to close. */
  async function act(page: Page, action: string, fill?: (dialog: Locator) => Promise<void>) {
    await page.getByRole('toolbar', { name: '可办理的操作' }).getByRole('button', { name: action, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: action });
    await dialog.waitFor();
    // Opened and still: a click during the zoom-in can miss the button.
    await settled(dialog);
    await fill?.(dialog);
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    // On a loaded CI machine a save can take a while; if the dialog stays, say what it shows.
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 }).catch(async (error: Error) => {
      throw new Error(`the ${action} dialog did not close: ${(await dialog.textContent().catch(() => '')) ?? ''}\n${error.message}`);
    });
  }

  async function statusIs(page: Page, status: string) {
    await page.getByLabel('工单状态').getByText(status, { exact: true }).waitFor();
  }

  it('takes a walk-in request at the window and follows it to the end, with the whole timeline', async () => {
    // 1. 孙窗口 (青川区 window) registers a walk-in consultation.
    const window = await signedIn('window', '/workbench/tickets/new');
    await window.getByRole('heading', { level: 1, name: '受理登记' }).waitFor();
    await window.getByRole('radio', { name: '窗口', checked: true }).waitFor({ state: 'attached' });
    await choose(window, window.getByLabel('服务类型'), '法律咨询', '法律咨询');
    await choose(window, window.getByLabel('纠纷类别'), '劳动争议', '劳动争议');
    await choose(window, window.getByLabel('事项所在地'), '990102001', /东关街道.*990102001/);
    await window.getByLabel('诉求描述').fill('用人单位拖欠三个月工资，咨询如何讨薪。');
    await window.getByLabel('姓名', { exact: true }).fill('张务工');
    await window.getByLabel('联系电话', { exact: true }).fill('13800001111');
    // As soon as the phone is typed, the side panel looks the person up: nobody yet.
    const history = window.getByRole('complementary', { name: '此人以往工单' });
    await history.getByText('未找到此人以往的工单').waitFor();
    // Tick the group with the keyboard, as a person tabbing through the form would: a
    // mouse click aims at where the box was, and on a loaded machine the panel's answer
    // can still be moving the layout (a click beside the box left it unticked).
    const group = window.getByRole('checkbox', { name: '农民工讨薪' });
    await group.press('Space');
    // React settles the controlled box after the key: wait until it shows ticked, then go on.
    await window.getByRole('checkbox', { name: '农民工讨薪', checked: true }).waitFor({ state: 'attached' });
    // A consultation needs no materials: the checklist says so at once.
    await window.getByText('本服务无需提交材料').waitFor();
    await window.getByRole('button', { name: '提交登记' }).click();

    await window.getByText('已受理登记').waitFor();
    const number = ((await window.getByRole('heading', { level: 2 }).first().textContent()) ?? '').trim();
    expect(number).toMatch(/^990102-\d{8}-\d{4}$/);
    await window.getByRole('button', { name: '查看工单' }).click();
    await window.waitForURL(/\/workbench\/tickets\/[0-9a-f-]{36}$/);
    const ticketPath = new URL(window.url()).pathname;
    await window.getByRole('heading', { level: 1, name: `工单 ${number}` }).waitFor();
    await statusIs(window, '待受理');
    await window.getByLabel('工单状态').getByText('优先').waitFor();

    // 2. 李调度 finds it on the board (待分配), accepts it and assigns it to 青川区 / 吴律师.
    const dispatcher = await signedIn('dispatcher', '/workbench/tickets');
    await dispatcher.getByRole('tab', { name: /待分配/, selected: true }).waitFor();
    await dispatcher.getByRole('link', { name: number }).click();
    await dispatcher.waitForURL(`**${ticketPath}`);
    await act(dispatcher, '受理');
    await statusIs(dispatcher, '已受理');
    await act(dispatcher, '分配', async (dialog) => {
      // The rules' suggestion comes with its reason, preselected: 青川区 and its duty lawyer.
      const suggestion = dialog.getByRole('region', { name: '分配建议' });
      await suggestion.getByText('吴律师', { exact: true }).waitFor();
      await suggestion.getByText(/擅长劳动争议/).waitFor();
      await dialog.getByTitle(/青川区.*990102）$/).waitFor();
      await dialog.getByRole('radio', { name: /吴律师/, checked: true }).waitFor({ state: 'attached' });
      // Overridable: unit only, then back to the suggested lawyer.
      await selectRadio(dialog.getByRole('radio', { name: /只分配到单位/ }));
      await selectRadio(dialog.getByRole('radio', { name: /吴律师/ }));
    });
    await statusIs(dispatcher, '已分配');

    // 3. 吴律师 opens it from 我的待办, starts and resolves it.
    const lawyer = await signedIn('lawyer', '/workbench/tickets');
    await lawyer.getByRole('tab', { name: /我的待办/, selected: true }).waitFor();
    await lawyer.getByRole('link', { name: number }).click();
    await lawyer.waitForURL(`**${ticketPath}`);
    await act(lawyer, '开始办理');
    await statusIs(lawyer, '办理中');
    await act(lawyer, '办结', (dialog) => dialog.getByLabel('办理结果').fill('已告知可向劳动监察大队投诉或申请劳动仲裁，并指导准备证据。'));
    await statusIs(lawyer, '已办结');

    // 4. 陈话务 calls back (回访) and records the citizen's rating.
    const operator = await signedIn('operator', ticketPath);
    await act(operator, '回访', (dialog) => dialog.getByLabel('回访结果').fill('群众表示问题已清楚，满意。'));
    await statusIs(operator, '已回访');
    await operator.getByRole('button', { name: '录入评价' }).click();
    const rating = operator.getByRole('dialog', { name: '满意度评价' });
    await rating.getByRole('button', { name: /确\s*定/ }).waitFor();
    await settled(rating);
    for (const label of ['服务态度', '办理效率', '政策解释', '专业水平']) {
      // Five stars with the keyboard (a click while the dialog still animates in lands beside
      // the star): each ArrowRight adds one; then wait until the fifth star shows chosen.
      const stars = rating.getByRole('radiogroup', { name: label });
      for (let i = 0; i < 5; i++) await stars.press('ArrowRight');
      await stars.getByRole('radio').nth(4).and(operator.locator('[aria-checked="true"]')).waitFor({ state: 'attached' });
    }
    await rating.getByLabel('意见建议').fill('律师讲解清楚');
    await rating.getByRole('button', { name: /确\s*定/ }).click();
    await rating.waitFor({ state: 'hidden', timeout: 30_000 }).catch(async (error: Error) => {
      throw new Error(`the rating dialog did not close: ${(await rating.textContent().catch(() => '')) ?? ''}\n${error.message}`);
    });

    // 5. The whole timeline, in order, on a verified chain.
    const timelineCard = operator.getByRole('list', { name: '办理过程' });
    await timelineCard.getByRole('article', { name: '评价' }).waitFor();
    const steps = await timelineCard.getByRole('article').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')));
    const expected = ['受理登记', '受理', '分配', '开始办理', '办结', '回访', '评价'];
    // Other events (e.g. a follow-up task being opened) may sit between; the steps keep their order.
    const positions = expected.map((step) => steps.indexOf(step));
    expect(positions.every((p) => p >= 0), `timeline ${steps.join(' → ')}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const text = (await timelineCard.textContent()) ?? '';
    for (const who of ['孙窗口', '李调度', '吴律师', '陈话务']) expect(text).toContain(who);
    expect(text).toContain('已告知可向劳动监察大队投诉');
    expect(text).toContain('群众表示问题已清楚');
    expect(text).toContain('吴律师');
    // The four five-star scores as chosen with the keyboard.
    const rated = (await timelineCard.getByRole('article', { name: '评价' }).textContent()) ?? '';
    for (const label of ['服务态度', '办理效率', '政策解释', '专业水平']) expect(rated).toContain(`${label} 5`);
    await operator.getByRole('status').filter({ hasText: '审计链校验通过' }).waitFor();
    // Rated once: the entry is gone.
    await expect(operator.getByRole('button', { name: '录入评价' }).count()).resolves.toBe(0);
  }, 180_000);
});
