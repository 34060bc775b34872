import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { hasChromium, expectAccessible } from '../helpers/browser';
import { chooseOption, staffBrowser } from '../helpers/staff-browser';
import { signIn } from '../helpers/http';
import { findRegionRefsCached } from '../../src/server/modules/regions/queries/cached-regions.ts';
import { generateWeeklyDemand } from '../../src/server/modules/forecast/demand-history.ts';
import { beijingDate } from '../../src/server/modules/calendar/working-calendar.ts';
import { mondayOf } from '../../src/server/modules/analytics/queries/analytics-forecast.ts';

// 需求预测 as the demo city's leader (docs/forecast.md): three years of land-dispute demand in the
// city's rollups give a seasonal forecast with its intervals, its backtest against last year's same
// weeks and the weeks ahead as a table; the page is accessible and fits a phone's 360 px.

const DAY_MS = 86_400_000;

describe.skipIf(!hasChromium())('the demand forecast in Chromium (skipped without Chromium)', () => {
  const staff = staffBrowser();

  it('shows the forecast of a category with three years of demand, with its backtest', async () => {
    const app = staff.app();
    const database = app.ctx.database;
    const city = (await findRegionRefsCached(database.db, ['990100'])).get('990100')!;
    const lastWeek = new Date(`${mondayOf(beijingDate(new Date()))}T00:00:00Z`).getTime() - 7 * DAY_MS;
    const history = generateWeeklyDemand({ lastWeekStart: new Date(lastWeek), weeks: 3 * 52, profile: 'land', base: 25, seed: 5 });
    const days = history.map((w) => new Date(w.weekStart.getTime() + DAY_MS).toISOString().slice(0, 10));
    await database.db.execute(sql`
      insert into analytics_daily as a (region_path, day, channel, service_type, category, created)
      select ${city.path}, d::date, 'hotline', 'mediation', '山林土地', n
      from unnest(${sql.param(days)}::text[], ${sql.param(history.map((w) => w.count))}::int[]) as h(d, n) where n > 0
      on conflict (region_path, day, channel, service_type, category) do update set created = a.created + excluded.created`);
    const leader = await signIn(app, 'leader', 'santai-demo');
    const expected = (await leader.get(`/api/analytics/forecast?regionCode=990100&category=${encodeURIComponent('山林土地')}`)).json();
    expect(expected.model).toBe('mstl-ets');

    const page = await staff.signedIn('leader', '/workbench');
    await page.getByRole('menuitem', { name: '需求预测' }).click();
    await page.waitForURL('**/workbench/analytics/forecast');
    await page.getByTestId('forecast-model').filter({ hasNotText: '…' }).waitFor();
    await chooseOption(page, page.getByLabel('纠纷类别'), '山林', '山林土地');
    await page.getByTestId('forecast-model').filter({ hasText: '季节分解' }).waitFor();
    const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
    expect(await page.getByTestId('forecast-mape').textContent()).toBe(percent(expected.backtest.mape));
    await page.getByRole('img', { name: /每周受理登记量的历史与预测图/ }).locator('canvas').waitFor();
    const ahead = page.locator('.ant-card', { hasText: '未来各周预测' }).locator('tbody tr.ant-table-row');
    await ahead.nth(11).waitFor();
    expect(await ahead.count()).toBe(12);
    expect(await ahead.first().locator('td').first().textContent()).toBe(expected.forecast[0].weekStart);
    await expectAccessible(page, 'forecast');

    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByTestId('forecast-model').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});
