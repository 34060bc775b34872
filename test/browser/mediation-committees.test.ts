import { describe, it, expect } from 'vitest';
import { type Page } from 'playwright-core';
import { hasChromium, settled } from '../helpers/browser';
import { chooseOption, clickOption, staffBrowser } from '../helpers/staff-browser';

// The committee management page (docs/mediation.md): the demo city's committees are there;
// the bureau's leader adds the county's medical dispute committee, sees its mediators and
// appoints one from another district by name (Art. 13), then ends the appointment;
// the window then finds it offered for a mediation ticket of a community of the county; once
// the leader deactivates it, it is offered no more.

const canRun = hasChromium();
const NAME = '青川区医疗纠纷人民调解委员会';

describe.skipIf(!canRun)('mediation committees page in Chromium (skipped without Chromium)', () => {
  const { signedIn } = staffBrowser();

  /** The committees the ticket's mediation panel offers (its options, read from the open list). */
  async function offered(page: Page): Promise<string[]> {
    const field = page.locator('[aria-label="人民调解"]').first().getByLabel('调解委员会');
    await field.click();
    // antd lists the options as .ant-select-item-option (its role=option nodes are only the few around the active one).
    const list = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await list.locator('.ant-select-item-option').first().waitFor();
    const names = await list.locator('.ant-select-item-option').evaluateAll((nodes) => nodes.map((n) => n.textContent ?? ''));
    await field.press('Escape');
    return names;
  }

  it('the leader adds a county industry committee and appoints (then dismisses) a mediator from elsewhere; the window is offered it for a community’s dispute until it is deactivated', async () => {
    const leader = await signedIn('leader', '/workbench/mediation/committees');
    // From the workbench menu, and the demo city's committees are listed.
    await leader.getByRole('menuitem', { name: '调解委员会' }).waitFor();
    await leader.getByRole('cell', { name: '东关街道人民调解委员会', exact: true }).waitFor();

    await leader.getByRole('button', { name: '新建调解委员会' }).click();
    const dialog = leader.getByRole('dialog', { name: '新建调解委员会' });
    await dialog.waitFor();
    await settled(dialog);
    await dialog.getByLabel('名称').fill(NAME);
    // A select without search: its chosen value lies over the input, so click the select itself.
    await dialog.getByLabel('类型').locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]').click();
    await clickOption(leader, '行业性专业性调委会');
    await dialog.locator('.ant-select-selection-item').filter({ hasText: '行业性专业性调委会' }).waitFor();
    // The picker keeps the leader's own region (云岭市) first in its list: click the one searched for.
    const regionField = dialog.getByLabel('所在地区');
    await regionField.click();
    await regionField.fill('青川');
    await clickOption(leader, '青川区（990102）');
    await dialog.locator('.ant-select-selection-item').filter({ hasText: '青川区（990102）' }).waitFor();
    await dialog.getByLabel('行业/专业领域').fill('医疗纠纷');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = leader.getByRole('row').filter({ has: leader.getByRole('cell', { name: NAME, exact: true }) });
    await row.getByText('行业性专业性调委会（医疗纠纷）').waitFor();
    await row.getByText('在用').waitFor();
    // Its mediators: the county's mediator accounts (许调解 among them).
    await row.locator('.ant-table-row-expand-icon').click();
    const members = leader.getByLabel(`${NAME}调解员`);
    await members.getByRole('listitem').filter({ hasText: /许调解（青川区/ }).getByText('本地区调解员').waitFor();
    // Art. 13: the committee appoints 何调解 of 白岩乡 (another district) by name, then ends the appointment.
    await chooseOption(leader, leader.getByLabel('聘任调解员'), '何', /何调解（白岩乡）/);
    await leader.getByRole('button', { name: '聘任', exact: true }).click();
    const appointed = members.getByRole('listitem').filter({ hasText: /何调解（白岩乡/ });
    await appointed.getByText('聘任', { exact: true }).waitFor();
    await appointed.getByRole('button', { name: '解除聘任 何调解' }).click();
    await appointed.waitFor({ state: 'detached' });

    // The window takes a mediation application for 东关社区: the new committee is offered.
    const window = await signedIn('window', '/workbench');
    const csrf = (await window.context().cookies()).find((c) => c.name === 'santai_csrf')!.value;
    const created = await window.request.post('/api/tickets', {
      headers: { 'x-csrf-token': csrf },
      data: { channel: 'window', serviceType: 'mediation', category: '损害赔偿', regionCode: '990102001001', applicant: { name: '钱患者', phone: '13800004444' }, description: '在社区卫生服务站输液后过敏，与卫生站就赔偿协商未果，申请调解。' },
    });
    expect(created.status(), await created.text()).toBe(201);
    const ticketPath = `/workbench/tickets/${(await created.json()).id}`;
    await window.goto(ticketPath);
    const before = await offered(window);
    expect(before.some((n) => n.includes(NAME))).toBe(true);
    expect(before.some((n) => n.includes('东关社区人民调解委员会'))).toBe(true);

    // The leader takes it out of service; the window is offered it no more.
    await row.getByRole('button', { name: `停用 ${NAME}` }).click();
    await row.getByText('已停用').waitFor();
    await window.reload();
    const after = await offered(window);
    expect(after.some((n) => n.includes('东关社区人民调解委员会'))).toBe(true);
    expect(after.some((n) => n.includes(NAME))).toBe(false);
  }, 180_000);
});
