import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { hasChromium, expectAccessible } from '../helpers/browser';
import { staffBrowser } from '../helpers/staff-browser';
import { seedDemoHotline } from '../../src/server/seed/demo-hotline';
import { findHotlineStatistics } from '../../src/server/modules/hotline/queries/hotline-statistics';
import { systemActor } from '../../src/server/policies/actor';
import { beijingToday } from '../../src/web/app/time';

// 话务统计 as the city's supervisor (docs/hotline-statistics.md): three days of demo calls, the
// page's figures as the records give them, the chart and its table by hour, the Excel download,
// and the page on a phone's 360 px.

const DAY_MS = 86_400_000;

describe.skipIf(!hasChromium())('hotline statistics in Chromium (skipped without Chromium)', () => {
  const staff = staffBrowser();

  it('the week so far: figures, chart by hour with its table, the Excel file, a phone screen', async () => {
    const app = staff.app();
    const now = new Date();
    const { calls } = await seedDemoHotline(app.ctx.database, app.ctx, now, { days: 3 });
    expect(calls).toBeGreaterThan(0);
    const today = beijingToday(now.getTime());
    const from = beijingToday(now.getTime() - 6 * DAY_MS);
    const expected = await app.ctx.database.db.transaction((tx) => findHotlineStatistics(tx, systemActor('test'), { from, to: today, regionCode: '990100' }));
    expect(expected.total.offered).toBe(calls);

    const page = await staff.signedIn('supervisor', '/workbench');
    await page.getByRole('menuitem', { name: '话务统计' }).click();
    await page.waitForURL('**/workbench/hotline/statistics');
    const summary = page.getByRole('region', { name: '汇总指标' });
    await summary.locator('[data-figure="offered"]', { hasText: String(calls) }).waitFor();
    const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
    expect(await summary.locator('[data-figure="answerRate"]').textContent()).toBe(percent(expected.total.answerRate));
    expect(await summary.locator('[data-figure="abandonRate"]').textContent()).toBe(percent(expected.total.abandonRate));
    expect(await summary.locator('[data-figure="avgHandling"]').textContent()).toBe(expected.total.avgHandlingSeconds!.toFixed(1));
    await page.getByRole('img', { name: /来电按日分布图/ }).locator('canvas').waitFor();

    // By hour: the chart and, for those who do not see it, the same numbers as a table.
    await page.getByText('按小时', { exact: true }).click();
    await page.getByRole('img', { name: /来电按小时分布图/ }).locator('canvas').waitFor();
    await page.getByText('以表格查看').click();
    const table = page.locator('details table');
    const busiest = expected.byHour.reduce((a, b) => (b.offered > a.offered ? b : a));
    const row = table.getByRole('row', { name: new RegExp(`^${String(busiest.hour).padStart(2, '0')}:00`) });
    expect((await row.getByRole('cell').nth(1).textContent())?.trim()).toBe(String(busiest.offered));
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(24);

    // The operators' table names 陈话务 with the calls at his seat.
    const mine = expected.byOperator.find((o) => o.operator?.name === '陈话务')!;
    const operatorRow = page.getByRole('row', { name: /陈话务/ });
    expect((await operatorRow.getByRole('cell').nth(1).textContent())?.trim()).toBe(String(mine.offered));
    await expectAccessible(page, 'hotline statistics');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toBe(`话务统计-云岭市-${from}至${today}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    expect(workbook.getWorksheet('总览')!.getRow(2).getCell(2).value).toBe(calls);

    await page.setViewportSize({ width: 360, height: 780 });
    await summary.locator('[data-figure="offered"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});
