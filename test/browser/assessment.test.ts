import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { hasChromium, expectAccessible } from '../helpers/browser';
import { staffBrowser } from '../helpers/staff-browser';
import { pdfText } from '../helpers/pdf-text';
import { computeScores } from '../../src/server/modules/assessment/queries/compute-scores';
import { parsePeriod } from '../../src/server/modules/assessment/period';
import { getRegion } from '../../src/server/modules/regions/queries/find-regions';
import { currentMonth } from '../../src/web/modules/assessment/api';

// 考核评价与通报 as the demo city's leader (docs/assessment.md): the venues ranked as the
// server computes them, a bulletin generated, reviewed and published, and its PDF downloaded.

describe.skipIf(!hasChromium())('assessment and bulletins in Chromium (skipped without Chromium)', () => {
  const staff = staffBrowser();

  it('ranks the venues, then a bulletin is generated, published and downloaded as PDF', async () => {
    const app = staff.app();
    const period = parsePeriod(currentMonth())!;
    const city = (await getRegion(app.ctx.database.db, '990100'))!;
    const expected = await computeScores(app.ctx.database.db, { code: city.code, name: city.name, path: city.path }, period);
    expect(expected.venues.length).toBeGreaterThan(1);
    const best = expected.venues[0];

    const page = await staff.signedIn('leader', '/workbench');
    await page.getByRole('menuitem', { name: '考核评价' }).click();
    await page.waitForURL('**/workbench/assessment');
    const ranking = page.getByRole('region', { name: '场所排名' });
    await page.locator('section[aria-label="场所排名"][aria-busy="false"]').waitFor();
    const firstRow = ranking.locator('tbody tr.ant-table-row').first();
    await firstRow.waitFor();
    expect((await firstRow.getByRole('cell').nth(1).textContent())?.trim()).toBe(best.name);
    expect((await firstRow.getByRole('cell').nth(3).textContent())?.trim()).toBe(best.total === null ? '—' : String(best.total));
    expect(await ranking.locator('tbody tr.ant-table-row').count()).toBe(Math.min(20, expected.venues.length));
    await expectAccessible(page, 'assessment rankings');

    // A phone's 360 px: the table scrolls inside itself, the page does not.
    await page.setViewportSize({ width: 360, height: 780 });
    await firstRow.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 900 });

    // 第三方评估 for the first venue: entered in a dialog, the ranking reloads with it.
    const saved = page.waitForResponse((r) => r.url().includes('/external-scores') && r.request().method() === 'PUT');
    await page.getByRole('button', { name: `录入第三方评估 ${best.name}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('得分（0–100）').fill('95');
    await dialog.getByLabel('评估机构').fill('某某评估中心');
    await dialog.getByRole('button', { name: '保存' }).click();
    expect((await saved).status()).toBe(200);
    await dialog.waitFor({ state: 'hidden' });
    const externalColumn = expected.indicators.findIndex((i) => i.measure === 'external_score');
    await firstRow.getByRole('cell').nth(4 + externalColumn).filter({ hasText: '（95）' }).waitFor();
    const rescored = await computeScores(app.ctx.database.db, { code: city.code, name: city.name, path: city.path }, period);
    expect(rescored.venues[0].id).toBe(best.id);

    await page.getByRole('menuitem', { name: '通报' }).click();
    await page.waitForURL('**/workbench/assessment/bulletins');
    const generated = page.waitForResponse((r) => r.url().endsWith('/api/assessment/bulletins') && r.request().method() === 'POST');
    await page.getByRole('button', { name: '生成通报' }).click();
    const bulletin = await (await generated).json();
    expect(bulletin.state).toBe('draft');
    const detail = page.getByLabel('通报内容');
    await detail.locator('[data-state="draft"]').waitFor();
    await expect.poll(() => page.getByLabel('标题').inputValue()).toBe(bulletin.title);
    expect(bulletin.content.top[0].name).toBe(best.name);

    await detail.getByRole('button', { name: '审核通过' }).click();
    await detail.locator('[data-state="reviewed"]').waitFor();
    await detail.getByRole('button', { name: '发布' }).click();
    await detail.locator('[data-state="published"]').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), detail.getByRole('button', { name: '下载 PDF' }).click()]);
    expect(download.suggestedFilename()).toBe(`${bulletin.title}.pdf`);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pdfText(bytes)).toContain(bulletin.title);

    // Published: the portal lists it.
    const portal = await page.request.get('/api/public/bulletins?regionCode=990100');
    expect((await portal.json()).items.map((b: { id: string }) => b.id)).toContain(bulletin.id);
  });
});
