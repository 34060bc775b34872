import { describe, it, expect } from 'vitest';
import { type Locator, type Page } from 'playwright-core';
import { hasChromium, settled } from '../helpers/browser';
import { staffBrowser, chooseOption } from '../helpers/staff-browser';

// A people's mediation application through its main path, each person in their own browser:
// the window brings the mediation ticket before the township's committee (free of charge, Art. 4),
// the township's mediator accepts it, records the parties' choice of mediator, schedules and
// records a session and the oral agreement; the Art. 33 deadline and every step show with the
// article applied (docs/mediation.md).

const canRun = hasChromium();
const TOOLBAR = '可办理事项';

describe.skipIf(!canRun)('mediation case in Chromium (skipped without Chromium)', () => {
  const { signedIn } = staffBrowser();

  async function post(page: Page, path: string, data: unknown) {
    const csrf = (await page.context().cookies()).find((c) => c.name === 'santai_csrf')!.value;
    const response = await page.request.post(path, { headers: { 'x-csrf-token': csrf }, data });
    expect(response.status(), await response.text()).toBe(201);
    return response.json();
  }

  async function act(page: Page, action: string, fill?: (dialog: Locator) => Promise<void>) {
    await page.getByRole('toolbar', { name: TOOLBAR }).getByRole('button', { name: action, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: action });
    await dialog.waitFor();
    await settled(dialog);
    await fill?.(dialog);
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 }).catch(async (error: Error) => {
      throw new Error(`the ${action} dialog did not close: ${(await dialog.textContent().catch(() => '')) ?? ''}\n${error.message}`);
    });
  }

  const panel = (page: Page) => page.locator('[aria-label="人民调解"]').first();
  const caseStatusIs = (page: Page, status: string) => panel(page).locator('.ant-card-extra').getByText(status, { exact: true }).waitFor();

  it('application → committee accepts → mediator chosen → session recorded → oral agreement, with the deadline and the articles', async () => {
    // The township's committee comes with the demo city (src/server/seed/demo.ts).
    const window = await signedIn('window', '/workbench');
    const ticket = await post(window, '/api/tickets', {
      channel: 'window', serviceType: 'mediation', category: '邻里', regionCode: '990102001',
      applicant: { name: '张邻里', phone: '13800003333' }, description: '邻居排水管道渗漏到我家院内，协商未果，申请调解。',
    });
    const ticketPath = `/workbench/tickets/${ticket.id}`;
    await window.goto(ticketPath);
    await panel(window).getByText('人民调解不收取任何费用（《中华人民共和国人民调解法》第四条）。').waitFor();
    await chooseOption(window, panel(window).getByLabel('调解委员会'), '东关', /东关街道人民调解委员会/);
    await panel(window).getByRole('button', { name: '提交调解委员会' }).click();
    await caseStatusIs(window, '待受理');

    // The township's mediator: accept, the parties choose 郑调解, a session this morning, recorded.
    const mediator = await signedIn('mediator', ticketPath);
    await caseStatusIs(mediator, '待受理');
    await act(mediator, '受理');
    await caseStatusIs(mediator, '已受理');
    await act(mediator, '指定/选定调解员', async (dialog) => {
      await dialog.getByRole('checkbox', { name: '当事人选择' }).check();
      // A multiple select keeps its list open: leave the field so the list closes.
      await chooseOption(mediator, dialog.getByLabel('调解员'), '郑', /郑调解/);
      await dialog.getByLabel('调解员').blur();
      await dialog.getByRole('option', { name: /郑调解/ }).waitFor({ state: 'hidden' });
    });
    await caseStatusIs(mediator, '调解中');
    const earlier = new Date(Date.now() + 8 * 3_600_000 - 2 * 3_600_000).toISOString().slice(0, 16);
    await act(mediator, '安排调解', async (dialog) => {
      await dialog.getByLabel('调解时间（北京时间）').fill(earlier);
      await dialog.getByLabel('地点').fill('东关街道司法所调解室');
    });
    await panel(mediator).getByRole('cell', { name: '东关街道司法所调解室' }).waitFor();
    await act(mediator, '记录调解情况', async (dialog) => {
      await dialog.getByLabel('调解情况记录').fill('双方陈述，调解员讲解相邻关系的规定，双方同意由邻居修缮管道。');
    });
    await act(mediator, '达成口头调解协议', async (dialog) => {
      await dialog.getByLabel('姓名/名称').nth(0).fill('张邻里');
      await dialog.getByLabel('姓名/名称').nth(1).fill('李邻居');
      await dialog.getByLabel('口头协议内容（调解员记录）').fill('李邻居于一周内修缮排水管道。');
    });
    await caseStatusIs(mediator, '已达成协议');
    // Art. 33: the 30 days for judicial confirmation, with the rule they come from.
    await panel(mediator).getByRole('cell', { name: '司法确认申请期限' }).waitFor();
    await panel(mediator).getByText('《中华人民共和国人民调解法》第三十三条').first().waitFor();

    // Every step on the timeline, in order, as the window sees it.
    await window.reload();
    await caseStatusIs(window, '已达成协议');
    const steps = await panel(window).locator('section[aria-label="办理经过"] article').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')));
    expect(steps).toEqual([
      '人民调解：提交调解委员会（立案）', '人民调解：受理', '人民调解：指定/选定调解员', '人民调解：安排调解', '人民调解：记录调解情况', '人民调解：达成口头调解协议',
    ]);
  }, 180_000);
});
