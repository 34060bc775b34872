import { describe, expect, it } from 'vitest';
import { hasChromium, expectAccessible } from '../helpers/browser';
import { staffBrowser } from '../helpers/staff-browser';
import { signIn } from '../helpers/http';

// 运营指挥中心 as the demo city's leader (docs/analytics.md): the analytics page shows a figure,
// clicking it lists the tickets behind it (and opens one); the board takes in a ticket created
// through the API elsewhere as soon as its live feed pushes the change (no focus, no 30 s refresh), and fits a phone's 360 px.

describe.skipIf(!hasChromium())('the command center in Chromium (skipped without Chromium)', () => {
  const staff = staffBrowser();
  const newTicket = async (description: string) => {
    const window = await signIn(staff.app(), 'window', 'santai-demo');
    const response = await window.request('POST', '/api/tickets', {
      channel: 'window',
      serviceType: 'consultation',
      category: '合同',
      regionCode: '990102',
      applicant: { name: '韩梅' },
      description,
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; number: string };
  };

  it('a figure on the analytics page opens the tickets behind it', async () => {
    const ticket = await newTicket('统计分析钻取测试');
    const page = await staff.signedIn('leader', '/workbench');
    await page.getByRole('menuitem', { name: '统计分析' }).click();
    await page.waitForURL('**/workbench/analytics');
    const figure = page.locator('button[data-figure="created"]');
    await figure.waitFor();
    const shown = Number((await figure.textContent())!.replace(/,/g, ''));
    expect(shown).toBeGreaterThan(0);
    await page.getByRole('img', { name: '受理与办结的趋势图' }).locator('canvas').waitFor();
    await expectAccessible(page, 'analytics');

    await figure.click();
    const drawer = page.getByRole('dialog');
    await drawer.getByTestId('drill-total').filter({ hasText: `共 ${shown} 条` }).waitFor();
    await drawer.getByRole('link', { name: ticket.number }).click();
    await page.waitForURL(`**/workbench/tickets/${ticket.id}`);
  });

  it('the board takes in a ticket created elsewhere, and fits a phone', async () => {
    const page = await staff.signedIn('leader', '/workbench/analytics/board');
    const created = page.locator('[data-board="created"]');
    await created.filter({ hasText: /^\d+$/ }).waitFor();
    const before = Number(await created.textContent());
    const backlog = Number(await page.locator('[data-board="open"]').textContent());
    // The live feed is open: a ticket taken in elsewhere is pushed, with no focus and no 30 s refresh.
    await page.locator('[data-feed="open"]').waitFor();
    await newTicket('大屏刷新测试');
    await created.filter({ hasText: new RegExp(`^${before + 1}$`) }).waitFor();
    await page.locator('[data-board="open"]').filter({ hasText: new RegExp(`^${backlog + 1}$`) }).waitFor();
    await expectAccessible(page, 'board');

    await page.setViewportSize({ width: 360, height: 780 });
    await created.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});
