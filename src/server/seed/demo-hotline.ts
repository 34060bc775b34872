/**
 * The demo's 12348 hotline: 云岭市's call center (a phone system in 990100), its seats — 陈话务 at
 * 8001, a second seat with nobody at it, 吴律师's duty lawyer seat 8009 — and two weeks of calls
 * up to now, posted as call events through the same command the event API uses (so the records,
 * operator states and everything that follows a call are what a real phone system would leave).
 * Office hours are busy, nights and weekends quieter and more often unanswered; a few callers ring
 * again, so the desk's history has something to show.
 */
import type { Database } from "../platform/db/index.ts";
import type { Protector } from "../platform/personal/protect.ts";
import { systemActor } from "../policies/actor.ts";
import { loadStaffActor } from "../modules/accounts/queries/load-staff-actor.ts";
import { createHotlineSource } from "../modules/hotline/commands/create-hotline-source.ts";
import { createSeat } from "../modules/hotline/commands/save-seat.ts";
import { receiveCallEvent } from "../modules/hotline/commands/receive-call-event.ts";
import { setOwnOperatorState } from "../modules/hotline/commands/set-operator-state.ts";
import type { CallEventInput } from "../modules/hotline/hotline.types.ts";
import { random } from "./demo-history.ts";

const DAY = 86_400_000;
const CITY = "990100";

/** Calls per hour of a Beijing day (a weekday): the morning and afternoon peaks, a quiet night. */
const HOURLY = [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1, 2.5, 4.5, 5, 4, 2, 2.5, 4, 4.5, 3.5, 2, 1.2, 1, 0.9, 0.7, 0.5, 0.4];

export type DemoHotlineReport = { calls: number; events: number; seconds: number };

/** Loads the demo hotline once (a second call finds the phone system and does nothing). */
export async function seedDemoHotline(database: Database, deps: { protector: Protector }, now: Date, options: { days?: number; seed?: number } = {}): Promise<DemoHotlineReport> {
  const started = performance.now();
  const { rows: existing } = await database.pool.query<{ n: string }>("select count(*) as n from hotline_sources where name = $1", ["云岭市 12348 呼叫中心（演示）"]);
  if (Number(existing[0].n) > 0) return { calls: 0, events: 0, seconds: 0 };
  const { rows: people } = await database.pool.query<{ id: string; username: string }>("select id, username from accounts where username = any($1)", [["operator", "lawyer"]]);
  const idOf = new Map(people.map((p) => [p.username, p.id]));
  const actor = systemActor("seed");
  const days = options.days ?? 14;
  const begin = new Date(now.getTime() - days * DAY);

  const source = await database.db.transaction(async (tx) => {
    const { row } = await createHotlineSource(tx, actor, { name: "云岭市 12348 呼叫中心（演示）", regionCode: CITY }, begin, deps);
    await createSeat(tx, actor, { sourceId: row.id, extension: "8001", name: "一号坐席", operatorId: idOf.get("operator") ?? null }, begin);
    await createSeat(tx, actor, { sourceId: row.id, extension: "8002", name: "二号坐席（夜班）" }, begin);
    await createSeat(tx, actor, { sourceId: row.id, extension: "8009", name: "值班律师坐席", operatorId: idOf.get("lawyer") ?? null }, begin);
    return { id: row.id, name: row.name, regionPath: row.regionPath };
  });

  // The demo history's generator (mulberry32), with whole numbers lo…hi for seconds and digits.
  const generated = random(options.seed ?? 12348);
  const r = { ...generated, int: (lo: number, hi: number) => lo + Math.floor(generated.next() * (hi - lo + 1)) };
  const regulars = Array.from({ length: 12 }, () => `139${String(r.int(0, 99_999_999)).padStart(8, "0")}`);
  const calls: { at: Date; events: Omit<CallEventInput, "eventId" | "callId">[] }[] = [];
  for (let hourStart = Math.ceil(begin.getTime() / 3_600_000) * 3_600_000; hourStart < now.getTime(); hourStart += 3_600_000) {
    const wall = new Date(hourStart + 8 * 3_600_000);
    const hour = wall.getUTCHours();
    const isWeekend = wall.getUTCDay() === 0 || wall.getUTCDay() === 6;
    const expected = HOURLY[hour] * (isWeekend ? 0.5 : 1);
    // Poisson-ish: whole calls plus one more with the fraction's chance.
    const count = Math.floor(expected) + (r.chance(expected - Math.floor(expected)) ? 1 : 0);
    for (let i = 0; i < count; i++) {
      const at = new Date(hourStart + r.int(0, 3_599) * 1000);
      const caller = r.chance(0.2) ? regulars[r.int(0, regulars.length - 1)] : `1${["35", "38", "52", "58", "77", "86"][r.int(0, 5)]}${String(r.int(0, 99_999_999)).padStart(8, "0")}`;
      const isNight = hour < 8 || hour >= 21;
      const seat = isNight ? "8002" : "8001";
      const roll = r.next();
      const outcome = isNight ? (roll < 0.5 ? "answered" : roll < 0.75 ? "voicemail" : roll < 0.9 ? "missed" : "abandoned") : roll < 0.86 ? "answered" : roll < 0.94 ? "abandoned" : roll < 0.97 ? "missed" : "voicemail";
      const s = (seconds: number) => new Date(at.getTime() + seconds * 1000).toISOString();
      const events: Omit<CallEventInput, "eventId" | "callId">[] = [
        { type: "incoming", at: s(0), caller },
        { type: "ringing", at: s(2), seat },
      ];
      if (outcome === "answered") {
        const wait = r.chance(0.8) ? r.int(3, 20) : r.int(21, 90);
        const talk = r.int(60, 900);
        events.push({ type: "answered", at: s(wait), seat });
        if (seat === "8001" && r.chance(0.06)) events.push({ type: "transferred", at: s(wait + Math.floor(talk / 3)), seat, target: "8009" });
        events.push({ type: "ended", at: s(wait + talk) });
        if (r.chance(0.5)) events.push({ type: "recording_available", at: s(wait + talk + 5), recordingUrl: `https://recordings.example.invalid/demo/${at.getTime()}.wav` });
      } else if (outcome === "abandoned") {
        events.push({ type: "ended", at: s(r.int(5, 60)) });
      } else if (outcome === "missed") {
        const wait = r.int(45, 90);
        events.push({ type: "missed", at: s(wait) }, { type: "ended", at: s(wait) });
      } else {
        const wait = r.int(30, 60);
        events.push({ type: "voicemail", at: s(wait) }, { type: "ended", at: s(wait + r.int(15, 60)) });
      }
      // A call still going on now is left out: the demo shows finished calls.
      if (Date.parse(events.at(-1)!.at) < now.getTime()) calls.push({ at, events });
    }
  }

  let posted = 0;
  for (const [n, call] of calls.entries()) {
    const callId = `demo-${call.at.getTime()}-${n}`;
    await database.db.transaction(async (tx) => {
      for (const [k, event] of call.events.entries()) {
        // Received a moment after it happened, as a phone system posts it.
        await receiveCallEvent(tx, source, { ...event, eventId: `${callId}-${k}`, callId }, new Date(Date.parse(event.at) + 500), deps);
        posted += 1;
      }
    });
  }
  // The demo's operator and duty lawyer start on a break, not in a fortnight-old after-call work.
  for (const username of ["operator", "lawyer"]) {
    const id = idOf.get(username);
    const staff = id ? await loadStaffActor(database.db, id, null) : null;
    if (staff) await database.db.transaction((tx) => setOwnOperatorState(tx, staff, "break", now));
  }
  return { calls: calls.length, events: posted, seconds: (performance.now() - started) / 1000 };
}
