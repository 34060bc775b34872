import { describe, it, expect } from 'vitest';
import { type Locator, type Page } from 'playwright-core';
import { hasChromium, settled } from '../helpers/browser';
import { staffBrowser, chooseOption } from '../helpers/staff-browser';

// A legal aid application through its main path (and, in the second test, a township station's
// application through every step to the archive), each person in their own browser: the window
// takes the application in (which opens the case), the center's reviewer reviews, grants and assigns the
// lawyer the applicant chose, the lawyer closes it; every step shows on the case's timeline
// with the article it applied (docs/legal-aid-flow.md).

const canRun = hasChromium();
const TOOLBAR = '法律援助可办理的操作';

describe.skipIf(!canRun)('legal aid case in Chromium (skipped without Chromium)', () => {
  const { signedIn } = staffBrowser();

  /** Clicks a case action, fills its dialog and confirms; waits for the dialog to close. */
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

  const panel = (page: Page) => page.getByRole('region', { name: '法律援助' }).or(page.locator('[aria-label="法律援助"]')).first();
  const caseStatusIs = (page: Page, status: string) => panel(page).locator('.ant-card-extra').getByText(status, { exact: true }).waitFor();

  it('application → review → grant → assign the chosen lawyer → close, with the timeline and its articles', async () => {
    // The window (青川区) took a legal aid application for a township of the county.
    const window = await signedIn('window', '/workbench');
    const csrf = (await window.context().cookies()).find((c) => c.name === 'santai_csrf')!.value;
    const created = await window.request.post('/api/tickets', {
      headers: { 'x-csrf-token': csrf },
      data: { channel: 'window', serviceType: 'legal_aid', category: '劳动争议', regionCode: '990102001', applicant: { name: '张务工', phone: '13800002222' }, description: '工地拖欠工资三个月，申请法律援助。' },
    });
    expect(created.status()).toBe(201);
    const ticketPath = `/workbench/tickets/${(await created.json()).id}`;

    // Intake opened the case: the window finds it under review at the center, no click needed.
    await window.goto(ticketPath);
    await caseStatusIs(window, '审查中');
    // Art. 43's 7 days show with the rule they come from.
    await panel(window).getByRole('cell', { name: '援助决定期限' }).waitFor();
    await panel(window).getByText('《中华人民共和国法律援助法》第四十三条').first().waitFor();

    // The county center's reviewer reviews and grants.
    const reviewer = await signedIn('reviewer', ticketPath);
    await caseStatusIs(reviewer, '审查中');
    await act(reviewer, '审查', async (dialog) => {
      await chooseOption(reviewer, dialog.getByLabel('经济困难核查方式'), '免予', '免予核查（第四十二条）');
      await dialog.getByLabel('意见').fill('农民工追索劳动报酬，免予核查经济困难状况。');
    });
    await act(reviewer, '作出决定', async (dialog) => {
      await dialog.getByRole('radio', { name: '给予法律援助' }).check();
    });
    await caseStatusIs(reviewer, '决定援助，待指派');
    await panel(reviewer).getByRole('cell', { name: '指派期限' }).waitFor();
    // The center keeps a pool: 吴律师, labour and criminal, two years in practice (too few for Art. 26).
    const reviewerCsrf = (await reviewer.context().cookies()).find((c) => c.name === 'santai_csrf')!.value;
    const candidates = (await (await reviewer.request.get('/api/legal-aid/lawyers/candidates?centerRegionCode=990102')).json()).items as { accountId: string; displayName: string }[];
    const wu = candidates.find((c) => c.displayName === '吴律师')!;
    const approved = await reviewer.request.post('/api/legal-aid/lawyers', {
      headers: { 'x-csrf-token': reviewerCsrf },
      data: { accountId: wu.accountId, centerRegionCode: '990102', fields: ['labour', 'criminal_defence'], practiceSince: '2024-06-01' },
    });
    expect(approved.status()).toBe(201);
    // 点援制: the applicant chose 吴律师 from the center's pool. The picker marks the rotation's next lawyer,
    // with fields and workload; for a life-or-death case it says why not (Art. 26) and will not offer him.
    await act(reviewer, '指派律师', async (dialog) => {
      await dialog.getByRole('status').filter({ hasText: '轮流指派下一位：吴律师' }).waitFor();
      await dialog.getByLabel('承办律师').click();
      const option = reviewer.locator('[data-lawyer]').filter({ hasText: '吴律师' });
      await option.filter({ hasText: '轮流指派下一位' }).filter({ hasText: '劳动争议、刑事' }).filter({ hasText: '在办 0 件' }).waitFor();
      await dialog.getByRole('checkbox', { name: /第二十六条/ }).check();
      await dialog.getByRole('status').filter({ hasText: '没有符合条件的律师' }).waitFor();
      // Ticking closed the list: open it again to read why not.
      await dialog.getByLabel('承办律师').click();
      await option.filter({ hasText: '第二十六条' }).waitFor();
      await reviewer.locator('.ant-select-item-option-disabled').filter({ hasText: '吴律师' }).waitFor();
      await dialog.locator('.ant-modal-title').click();
      await dialog.getByRole('checkbox', { name: /第二十六条/ }).uncheck();
      await dialog.getByRole('status').filter({ hasText: '轮流指派下一位：吴律师' }).waitFor();
      await chooseOption(reviewer, dialog.getByLabel('承办律师'), '吴', /吴律师/);
      await dialog.getByRole('checkbox', { name: '申请人点援' }).check();
    });
    await caseStatusIs(reviewer, '承办中');

    // The lawyer assigned closes the case with its outcome.
    const lawyer = await signedIn('lawyer', ticketPath);
    await caseStatusIs(lawyer, '承办中');
    await act(lawyer, '结案', async (dialog) => {
      await chooseOption(lawyer, dialog.getByLabel('结案结果'), '调解', '调解结案');
      await dialog.getByLabel('办理情况').fill('劳动仲裁调解，用人单位支付全部工资。');
    });
    await caseStatusIs(lawyer, '已结案');

    // Every step on the timeline, in order, as the reviewer sees it.
    await reviewer.reload();
    await caseStatusIs(reviewer, '已结案');
    const timeline = panel(reviewer).getByRole('region', { name: '办理经过' }).or(panel(reviewer).locator('section[aria-label="办理经过"]')).first();
    const steps = await timeline.locator('article').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')));
    expect(steps).toEqual(['立案（法律援助申请）', '审查', '作出决定', '指派律师', '结案']);
    await timeline.getByText('吴律师（申请人点援）').waitFor();

    // On a phone the panel fits the screen (its tables scroll inside it).
    await reviewer.setViewportSize({ width: 360, height: 740 });
    await caseStatusIs(reviewer, '已结案');
    const { scrollWidth, innerWidth } = await reviewer.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth, `the ticket page is ${scrollWidth} px wide in a ${innerWidth} px window`).toBeLessThanOrEqual(innerWidth);
  }, 180_000);

  it('a township station\'s application: pre-check → one notice of missing materials → supplied → review → grant → assign → progress → close → quality review → archive', async () => {
    // 柳河镇's station (a window account of the township, made by the city's admin) takes applications in.
    const admin = await signedIn('admin', '/workbench');
    const adminCsrf = (await admin.context().cookies()).find((c) => c.name === 'santai_csrf')!.value;
    const account = await admin.request.post('/api/accounts', {
      headers: { 'x-csrf-token': adminCsrf },
      data: { username: 'liuhe-station', displayName: '柳河镇工作站', password: 'santai-demo', roles: ['window'], regionCode: '990103001' },
    });
    expect(account.status(), await account.text()).toBe(201);
    const station = await signedIn('liuhe-station', '/workbench');
    const csrf = (await station.context().cookies()).find((c) => c.name === 'santai_csrf')!.value;

    // Quality review is sampled: 30% of the cases, decided by the case's id alone (aid-case.rules.ts), so
    // nobody can steer it. The station takes applications in until one falls in the sample (40 tries
    // leave a chance of 0.7^40 ≈ 6·10⁻⁷ of finding none); each is opened at intake, waiting for 初审.
    let ticketPath = '';
    for (let tries = 0; tries < 40 && !ticketPath; tries++) {
      const created = await station.request.post('/api/tickets', {
        headers: { 'x-csrf-token': csrf },
        data: { channel: 'window', serviceType: 'legal_aid', category: '婚姻家庭', regionCode: '990103001', applicant: { name: '李秀英', phone: '13800003333' }, description: '离婚后对方拒付孩子抚养费，申请法律援助。' },
      });
      expect(created.status()).toBe(201);
      const ticketId = (await created.json()).id as string;
      const opened = await (await station.request.get(`/api/legal-aid/cases/by-ticket/${ticketId}`)).json();
      expect(opened.state.status).toBe('submitted');
      if (opened.state.isSampledForQuality) ticketPath = `/workbench/tickets/${ticketId}`;
    }
    expect(ticketPath, 'no application fell in the quality sample').not.toBe('');

    // 初审 at the station.
    await station.goto(ticketPath);
    await caseStatusIs(station, '待初审');
    await act(station, '初审', (dialog) => dialog.getByLabel('意见').fill('申请人追索子女抚养费，已初步核对身份，报县法律援助中心审查。'));
    await caseStatusIs(station, '审查中');

    // The county center (石桥县, 卓玛) finds two papers missing and says so once, listing both (Art. 43).
    const reviewer = await signedIn('reviewer2', ticketPath);
    await caseStatusIs(reviewer, '审查中');
    await act(reviewer, '一次性告知补充材料', (dialog) => dialog.getByLabel('需补充的材料（一次性告知，每行一项）').fill('离婚判决书或调解书\n子女出生医学证明'));
    await caseStatusIs(reviewer, '待补充材料');
    await panel(reviewer).getByText('子女出生医学证明').first().waitFor();

    // The applicant brings them to the station.
    await station.reload();
    await caseStatusIs(station, '待补充材料');
    await act(station, '材料已补齐', (dialog) => dialog.getByLabel('说明').fill('申请人已到站补交判决书和出生医学证明。'));
    await caseStatusIs(station, '审查中');

    // Review on a self-declaration (Art. 41), grant, assign from the center's pool.
    await reviewer.reload();
    await caseStatusIs(reviewer, '审查中');
    await act(reviewer, '审查', async (dialog) => {
      await chooseOption(reviewer, dialog.getByLabel('经济困难核查方式'), '诚信', '个人诚信承诺');
      await dialog.getByLabel('意见').fill('申请人书面承诺家庭经济困难，材料齐全。');
    });
    await act(reviewer, '作出决定', (dialog) => dialog.getByRole('radio', { name: '给予法律援助' }).check());
    await caseStatusIs(reviewer, '决定援助，待指派');
    const reviewerCsrf = (await reviewer.context().cookies()).find((c) => c.name === 'santai_csrf')!.value;
    const candidates = (await (await reviewer.request.get('/api/legal-aid/lawyers/candidates?centerRegionCode=990103')).json()).items as { accountId: string; displayName: string }[];
    const guo = candidates.find((c) => c.displayName === '郭律师')!;
    const approved = await reviewer.request.post('/api/legal-aid/lawyers', {
      headers: { 'x-csrf-token': reviewerCsrf },
      data: { accountId: guo.accountId, centerRegionCode: '990103', fields: ['marriage_family', 'tort'], practiceSince: '2018-03-01' },
    });
    expect(approved.status()).toBe(201);
    await act(reviewer, '指派律师', (dialog) => chooseOption(reviewer, dialog.getByLabel('承办律师'), '郭', /郭律师/));
    await caseStatusIs(reviewer, '承办中');

    // The lawyer reports progress and closes.
    const lawyer = await signedIn('lawyer2', ticketPath);
    await caseStatusIs(lawyer, '承办中');
    await act(lawyer, '办理进展', (dialog) => dialog.getByLabel('内容').fill('已代为向人民法院起诉追索抚养费，法院已立案。'));
    await act(lawyer, '结案', async (dialog) => {
      await chooseOption(lawyer, dialog.getByLabel('结案结果'), '胜诉', '胜诉');
      await dialog.getByLabel('办理情况').fill('法院判决对方每月支付抚养费一千二百元。');
    });
    await caseStatusIs(lawyer, '已结案');

    // Sampled: the center cannot archive before the supervisor's quality review (Art. 59).
    await reviewer.reload();
    await caseStatusIs(reviewer, '已结案');
    await expect(reviewer.getByRole('toolbar', { name: TOOLBAR }).getByRole('button', { name: '归档', exact: true }).count()).resolves.toBe(0);
    const supervisor = await signedIn('supervisor', ticketPath);
    await caseStatusIs(supervisor, '已结案');
    await act(supervisor, '质量考核', async (dialog) => {
      await dialog.getByLabel('评分（0–100）').fill('92');
      await dialog.getByLabel('考核意见').fill('案卷完整，及时回访受援人。');
    });
    await caseStatusIs(supervisor, '已质量考核');
    await reviewer.reload();
    await act(reviewer, '归档');
    await caseStatusIs(reviewer, '已归档');

    const timeline = panel(reviewer).getByRole('region', { name: '办理经过' }).or(panel(reviewer).locator('section[aria-label="办理经过"]')).first();
    const steps = await timeline.locator('article').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')));
    expect(steps).toEqual(['立案（法律援助申请）', '初审', '一次性告知补充材料', '材料已补齐', '审查', '作出决定', '指派律师', '办理进展', '结案', '质量考核', '归档']);
    for (const who of ['柳河镇工作站', '卓玛', '郭律师', '赵督办']) await timeline.getByText(who).first().waitFor();
  }, 240_000);
});
