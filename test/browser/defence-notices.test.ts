import { describe, expect, it } from 'vitest';
import { hasChromium, settled } from '../helpers/browser';
import { chooseOption, staffBrowser } from '../helpers/staff-browser';

// Assigned defence and the duty roster (docs/legal-aid-pool.md) as the county center's reviewer:
// a lawyer approved into the pool, a court's notice recorded with its Art. 36 due time, the
// rotation's suggestion assigned, the court informed; then the lawyer put on duty today.

describe.skipIf(!hasChromium())('assigned defence in Chromium (skipped without Chromium)', () => {
  const staff = staffBrowser();

  it('record a notice, assign the suggested lawyer, inform the court, put the lawyer on duty', async () => {
    const page = await staff.signedIn('reviewer', '/workbench/legal-aid/lawyers');
    await page.getByText('律师库暂无律师').first().waitFor();
    await page.getByRole('button', { name: '律师入库' }).click();
    const approve = page.getByRole('dialog', { name: '律师入库（批准加入律师库）' });
    await settled(approve);
    await chooseOption(page, approve.getByLabel('律师', { exact: true }), '吴', /吴律师/);
    await chooseOption(page, approve.getByLabel('擅长领域'), '刑事', '刑事');
    await approve.getByLabel('执业起始日期').fill('2015-03-01');
    await approve.getByRole('button', { name: /保\s*存/ }).click();
    await approve.waitFor({ state: 'hidden', timeout: 30_000 });

    await page.getByRole('menuitem', { name: '通知辩护' }).click();
    await page.waitForURL('**/workbench/legal-aid/defence-notices');
    await page.getByText('暂无通知辩护').first().waitFor();
    await page.getByRole('button', { name: '登记通知' }).click();
    const form = page.getByRole('dialog', { name: '登记通知辩护' });
    await settled(form);
    await chooseOption(page, form.getByLabel('通知机关', { exact: true }), '法院', '人民法院');
    await form.getByLabel('通知机关名称').fill('示范区人民法院');
    await form.getByLabel('通知书文号').fill('（2026）示刑初88号');
    await chooseOption(page, form.getByLabel('通知情形'), '无期', /可能被判处无期徒刑、死刑的人/);
    await chooseOption(page, form.getByLabel('诉讼阶段'), '审判', '审判');
    await form.getByLabel('犯罪嫌疑人、被告人').fill('赵大海');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'hidden', timeout: 30_000 });

    const row = page.getByRole('row', { name: /示范区人民法院/ });
    await row.getByText('赵大海').waitFor();
    await row.getByText('期限内').waitFor();
    await row.getByText('待指派').waitFor();
    // The due time in Beijing time, a working day's end.
    expect(await row.textContent()).toMatch(/\d{4}-\d{2}-\d{2} 24:00/);

    await row.getByRole('button', { name: '指派律师' }).click();
    const assign = page.getByRole('dialog', { name: /指派律师/ });
    await assign.getByText('按轮流指派推荐').waitFor();
    expect(await assign.getByRole('radio', { name: /吴律师/ }).isChecked()).toBe(true);
    await assign.getByRole('button', { name: /指派律师/ }).click();
    await assign.waitFor({ state: 'hidden', timeout: 30_000 });
    await row.getByText('已指派').waitFor();
    await row.getByText('吴律师').waitFor();

    await row.getByRole('button', { name: '告知通知机关' }).click();
    const inform = page.getByRole('dialog', { name: /告知通知机关/ });
    await inform.getByLabel('告知方式（复函文号、电话等）').fill('复函 示援〔2026〕1号');
    await inform.getByRole('button', { name: /保\s*存/ }).click();
    await inform.waitFor({ state: 'hidden', timeout: 30_000 });
    await row.getByText('已告知通知机关').waitFor();
    await row.getByText('按期办结').waitFor();

    await page.getByRole('menuitem', { name: '值班律师排班' }).click();
    await page.waitForURL('**/workbench/legal-aid/duty-roster');
    await page.getByText('今天没有安排值班律师').waitFor();
    await page.getByRole('button', { name: '安排值班' }).click();
    const duty = page.getByRole('dialog', { name: '安排值班律师' });
    await settled(duty);
    await chooseOption(page, duty.getByLabel('值班律师'), '吴', /吴律师/);
    await duty.getByLabel('工作站', { exact: true }).fill('示范区看守所法律援助工作站');
    await duty.getByRole('button', { name: /保\s*存/ }).click();
    await duty.waitFor({ state: 'hidden', timeout: 30_000 });
    const today = page.getByRole('region', { name: /今日值班/ });
    await today.getByText(/示范区看守所法律援助工作站：吴律师/).waitFor();
    await page.getByRole('row', { name: /示范区看守所法律援助工作站/ }).getByText('吴律师').waitFor();
  }, 240_000);
});
