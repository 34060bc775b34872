import { describe, it, expect } from 'vitest';
import { type Locator, type Page } from 'playwright-core';
import { hasChromium, settled } from '../helpers/browser';
import { staffBrowser, chooseOption, clickOption } from '../helpers/staff-browser';

// A people's mediation application through the whole case, each person in their own browser:
// the window brings the mediation ticket before the township's committee (free of charge, Art. 4);
// the township's mediator finds it in the case list, accepts it (Art. 17), records the parties'
// choice of mediator (Art. 19), schedules a session and keeps its minutes (Art. 27), records the
// written agreement with the contents of Art. 29, follows up on its performance (Art. 31), tells
// the parties of judicial confirmation within 30 days (Art. 33), records their joint application
// and archives the file; the window sees every step on the case's timeline (docs/mediation.md).

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

  /** Picks an option of a select without search (its chosen value lies over the input: click the select itself). */
  async function pick(page: Page, field: Locator, option: string) {
    await field.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]').click();
    await clickOption(page, option);
  }

  const panel = (page: Page) => page.locator('[aria-label="人民调解"]').first();
  const caseStatusIs = (page: Page, status: string) => panel(page).locator('.ant-card-extra').getByText(status, { exact: true }).waitFor();

  it('application → committee accepts → mediator chosen → session and minutes → written agreement (Art. 29) → follow-up → judicial confirmation (Art. 33) → archive', async () => {
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

    // The township's mediator finds the application among the committee's cases waiting to be accepted.
    const mediator = await signedIn('mediator', '/workbench/mediation/cases?status=applied');
    await mediator.getByRole('link', { name: ticket.number }).click();
    await mediator.waitForURL(`**${ticketPath}`);
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
    await panel(mediator).getByText('郑调解').first().waitFor();
    // The session was this morning (Beijing time, as the form takes it); its minutes once held.
    const earlier = new Date(Date.now() + 8 * 3_600_000 - 2 * 3_600_000).toISOString().slice(0, 16);
    await act(mediator, '安排调解', async (dialog) => {
      await dialog.getByLabel('调解时间（北京时间）').fill(earlier);
      await dialog.getByLabel('地点').fill('东关街道司法所调解室');
    });
    await panel(mediator).getByRole('cell', { name: '东关街道司法所调解室' }).waitFor();
    await panel(mediator).getByText('待调解', { exact: true }).waitFor();
    await act(mediator, '记录调解情况', async (dialog) => {
      await dialog.getByLabel('调解情况记录').fill('双方陈述，调解员讲解相邻关系的规定，双方同意由邻居修缮管道并赔偿损失。');
      await dialog.getByLabel('参加人员').fill('张邻里、李邻居、郑调解');
    });
    await panel(mediator).getByText(/双方同意由邻居修缮管道/).waitFor();

    // Art. 29: the written agreement with each of its contents; without the facts it is not taken.
    await act(mediator, '达成书面调解协议', async (dialog) => {
      await dialog.getByText('《中华人民共和国人民调解法》第二十九条').waitFor();
      await dialog.getByLabel('姓名/名称').nth(0).fill('张邻里');
      await dialog.getByLabel(/^基本情况/).nth(0).fill('男，1968年生，住东关社区3组');
      await dialog.getByLabel('姓名/名称').nth(1).fill('李邻居');
      await dialog.getByLabel(/^基本情况/).nth(1).fill('男，1972年生，住东关社区3组');
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await dialog.locator('.ant-form-item-explain-error').filter({ hasText: '纠纷的主要事实' }).waitFor();
      await dialog.getByLabel('纠纷的主要事实').fill('李邻居家排水管道老化渗漏，污水流入张邻里院内，致院墙受损。');
      await dialog.getByLabel('争议事项').fill('管道修缮责任及院墙损失的赔偿。');
      await dialog.getByLabel('各方当事人的责任').fill('李邻居对管道渗漏负全部责任。');
      await dialog.getByLabel('达成协议的内容').fill('李邻居修缮排水管道，并赔偿张邻里院墙修复费用人民币800元。');
      await dialog.getByLabel('履行方式').fill('自行修缮；赔偿款以现金一次付清');
      await dialog.getByLabel('履行期限').fill('2026年12月20日前');
    });
    await caseStatusIs(mediator, '已达成协议');
    const agreement = panel(mediator).locator('section[aria-label="调解协议"]');
    await agreement.getByText('书面调解协议书').waitFor();
    await agreement.getByText('张邻里：男，1968年生，住东关社区3组').waitFor();
    await agreement.getByText('李邻居修缮排水管道，并赔偿张邻里院墙修复费用人民币800元。').waitFor();
    await agreement.getByText('2026年12月20日前').waitFor();
    // Art. 33: the 30 days for judicial confirmation start, with the rule they come from.
    const deadline = panel(mediator).getByRole('row').filter({ has: mediator.getByRole('cell', { name: '司法确认申请期限' }) });
    await deadline.getByText('计时中').waitFor();
    await deadline.getByText('《中华人民共和国人民调解法》第三十三条').waitFor();
    // Archiving waits for the follow-up and the parties' decision: not offered yet.
    const toolbar = panel(mediator).getByRole('toolbar', { name: TOOLBAR });
    await toolbar.getByRole('button', { name: '回访履行情况' }).waitFor();
    expect(await toolbar.getByRole('button', { name: '立卷归档' }).count()).toBe(0);

    // Art. 31: the committee follows up the performance; the finding is required.
    await act(mediator, '回访履行情况', async (dialog) => {
      await dialog.getByRole('radio', { name: '已履行' }).check();
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await dialog.locator('.ant-form-item-explain-error').filter({ hasText: '回访情况' }).waitFor();
      await dialog.getByLabel(/^回访情况/).fill('电话回访：管道已修好，800元已当面付清。');
    });
    await caseStatusIs(mediator, '已履行');
    await panel(mediator).getByText(/已履行：电话回访：管道已修好/).waitFor();

    // Art. 33: the parties are told of judicial confirmation and its last day, then apply jointly.
    // The day of effect is not counted: the 30 days end at 24:00 of the thirtieth day after it.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const lastDay = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    await act(mediator, '告知申请司法确认', async (dialog) => {
      await dialog.getByText(`自调解协议生效之日起三十日内（至${lastDay} 24:00）共同向人民法院申请司法确认`, { exact: false }).waitFor();
    });
    await panel(mediator).getByText(/^已告知可自协议生效之日起三十日内共同向人民法院申请司法确认/).waitFor();
    await act(mediator, '登记司法确认申请', async (dialog) => {
      await dialog.getByRole('radio', { name: '已共同申请司法确认' }).check();
      await dialog.getByLabel('受理法院').fill('云岭市青川区人民法院');
      await dialog.getByLabel('共同申请日期').fill(today);
    });
    await panel(mediator).getByText(`已共同申请司法确认：云岭市青川区人民法院（${today}）`).waitFor();
    await deadline.getByText('已按时完成').waitFor();

    // The file is closed; nothing more to do on it.
    await act(mediator, '立卷归档', async (dialog) => {
      await dialog.getByText(/立卷保存（第二十七条）/).waitFor();
    });
    await caseStatusIs(mediator, '已归档');
    await panel(mediator).getByText('当前没有您可办理的事项').waitFor();

    // Every step on the timeline, in order, as the window sees it.
    await window.reload();
    await caseStatusIs(window, '已归档');
    const steps = await panel(window).locator('section[aria-label="办理经过"] article').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')));
    expect(steps).toEqual([
      '人民调解：提交调解委员会（立案）', '人民调解：受理', '人民调解：指定/选定调解员', '人民调解：安排调解', '人民调解：记录调解情况',
      '人民调解：达成书面调解协议', '人民调解：回访履行情况', '人民调解：告知申请司法确认', '人民调解：登记司法确认申请', '人民调解：立卷归档',
    ]);
  }, 240_000);

  it('a court refers a dispute (诉调对接): the window registers it with a receipt, the committee finds and accepts it, the referral follows', async () => {
    const window = await signedIn('window', '/workbench/mediation/referrals');
    await window.getByRole('button', { name: '登记转入调解' }).click();
    const dialog = window.getByRole('dialog', { name: '登记转入调解' });
    await dialog.waitFor();
    await settled(dialog);
    await dialog.getByLabel('单位名称').fill('云岭市青川区人民法院');
    await dialog.getByLabel(/^对方编号/).fill('（2026）云0102民诉前调88号');
    await dialog.getByLabel('转交事由').fill('立案前委派人民调解');
    // The window's own district is the place by default, shown by name; the dispute is in 东关街道, whose committees are then offered.
    await dialog.locator('.ant-select-selection-item').filter({ hasText: '青川区' }).first().waitFor();
    const place = dialog.getByLabel('纠纷所在地');
    await place.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]').click();
    await place.fill('东关街道');
    await clickOption(window, '东关街道（990102001）');
    await dialog.locator('.ant-select-selection-item').filter({ hasText: '东关街道（990102001）' }).waitFor();
    await pick(window, dialog.getByLabel('调解委员会'), '东关街道人民调解委员会');
    await pick(window, dialog.getByLabel('纠纷类别'), '邻里');
    await dialog.getByLabel('当事人姓名').fill('王转来');
    await dialog.getByLabel('联系电话').fill('13800005555');
    await dialog.getByLabel('纠纷简要情况').fill('相邻通行纠纷，起诉至法院，立案前委派调解。');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = window.getByRole('row').filter({ hasText: '（2026）云0102民诉前调88号' });
    await row.getByText('已接收', { exact: true }).waitFor();
    const receipt = (await row.getByRole('cell').nth(3).textContent())!.trim();
    expect(receipt).not.toBe('—');
    const number = (await row.getByRole('link').textContent())!.trim();

    // The township's mediator finds it among the applications waiting, with where it came from, and accepts.
    const mediator = await signedIn('mediator', '/workbench/mediation/cases?status=applied');
    await mediator.getByRole('link', { name: number }).click();
    await caseStatusIs(mediator, '待受理');
    await panel(mediator).getByText('转来调解（云岭市青川区人民法院）').waitFor();
    await act(mediator, '受理');
    await caseStatusIs(mediator, '已受理');

    // The referral moved with the case: the court can be told it was taken.
    await window.reload();
    const after = window.getByRole('row').filter({ hasText: '（2026）云0102民诉前调88号' });
    await after.getByRole('cell').filter({ hasText: '已受理' }).first().waitFor();
    expect((await after.getByRole('cell').nth(3).textContent())!.trim()).toBe(receipt);
  }, 180_000);
});
