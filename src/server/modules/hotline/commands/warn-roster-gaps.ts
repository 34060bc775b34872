import { and, eq, gte, lte, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { findStaffCovering } from "../../accounts/queries/find-staff.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { enqueueNotification } from "../../notifications/commands/enqueue-notification.ts";
import { hotlineCoverageRules, hotlineGapWarnings, hotlineSources } from "../hotline.tables.ts";
import { GAP_WARNING_HOURS } from "../hotline-roster.rules.ts";
import { findRosterGaps } from "../queries/find-roster.ts";

const beijing = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false });

/** Regions whose 12348 line is watched: those with a phone system, and those with a coverage rule above 0. */
export async function findRegionsToWatch(tx: Tx): Promise<{ code: string; path: string }[]> {
  const sources = await tx.selectDistinct({ code: hotlineSources.regionCode, path: hotlineSources.regionPath }).from(hotlineSources).where(eq(hotlineSources.isDisabled, false));
  const rules = await tx.selectDistinct({ code: hotlineCoverageRules.regionCode, path: hotlineCoverageRules.regionPath }).from(hotlineCoverageRules).where(sql`${hotlineCoverageRules.minCount} > 0`);
  const byCode = new Map([...sources, ...rules].map((r) => [r.code, r]));
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * 值班缺口预警: the gaps of a region's line within the next 72 hours, each warned of once to the
 * supervisors whose scope covers the region (an in-app message through the outbox). A gap already
 * warned of — the same gap seen again, grown as the look-ahead moves on, or split by a shift added
 * since — overlaps its earlier warning and only moves that warning's end. Returns the warnings sent.
 */
export async function warnRosterGaps(tx: Tx, protector: Protector, region: { code: string; path: string }, now: Date): Promise<number> {
  const until = new Date(now.getTime() + GAP_WARNING_HOURS * 3_600_000);
  const gaps = await findRosterGaps(tx, region, now, until);
  if (gaps.length === 0) return 0;
  const supervisors = await findStaffCovering(tx, region.path, "supervisor");
  const regionName = (await findRegionRefs(tx, [region.code])).get(region.code)?.name ?? region.code;
  let sent = 0;
  for (const gap of gaps) {
    const startsAt = new Date(gap.startsAt);
    const endsAt = new Date(gap.endsAt);
    const [known] = await tx
      .select()
      .from(hotlineGapWarnings)
      .where(and(eq(hotlineGapWarnings.regionCode, region.code), eq(hotlineGapWarnings.role, gap.role), lte(hotlineGapWarnings.startsAt, endsAt), gte(hotlineGapWarnings.endsAt, startsAt)))
      .limit(1);
    if (known) {
      if (known.endsAt < endsAt) await tx.update(hotlineGapWarnings).set({ endsAt }).where(eq(hotlineGapWarnings.id, known.id));
      continue;
    }
    await tx.insert(hotlineGapWarnings).values({ regionCode: region.code, role: gap.role, startsAt, endsAt, warnedAt: now });
    const time = `${beijing.format(startsAt)}–${beijing.format(endsAt)}`;
    for (const supervisor of supervisors) {
      await enqueueNotification(tx, protector, {
        ticketId: null,
        regionPath: region.path,
        phone: supervisor.id,
        channel: "in_app",
        template: "roster_gap",
        payload: { region: regionName, role: gap.role, required: gap.required, staffed: gap.staffed, time, startsAt: gap.startsAt, endsAt: gap.endsAt, accountId: supervisor.id },
        now,
      });
    }
    sent += 1;
  }
  return sent;
}
