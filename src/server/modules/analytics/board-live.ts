import { sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Database } from "../../platform/db/index.ts";
import type { Clock } from "../../platform/clock.ts";
import { beijingDate } from "../calendar/working-calendar.ts";

/** The part of a WebSocket the board's feed uses (ws's WebSocket). */
export type BoardSocket = { readyState: number; send(data: string): void };

/** One message to a board (docs/analytics.md, "The live board"). */
export type BoardMessage = { type: "hello"; region: { code: string; name: string } } | { type: "changed"; at: string } | { type: "pong" };

const OPEN = 1;

/**
 * The live board's pushes in one server process. Once a second, while any board
 * is connected here, each watched region's fingerprint is read: the sums of
 * today's rollup row counters of that region node (a key lookup of a few dozen
 * rows, whatever the number of tickets). When it changed, the boards of that
 * region are told, and they read the board again.
 *
 * Why a fingerprint rather than NOTIFY: the rollups are written in every
 * ticket's own transaction by every process, so reading them sees what any
 * process committed, on PostgreSQL and on the embedded database alike (where
 * LISTEN cannot work, see hotline-desk-hub.ts), and what is read is committed
 * by construction. The cost grows with the regions being watched, not with the
 * tickets: one lookup per watched region per second per process. A new ticket
 * reaches a board within about a second plus one read of the board.
 */
export class BoardLive {
  private readonly watched = new Map<string, { sockets: Set<BoardSocket>; fingerprint: string | null }>();
  private timer: NodeJS.Timeout | null = null;
  private isTicking = false;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
    private readonly intervalMs = 1000,
  ) {}

  /** Watches `regionPath` for `socket`; returns the detach. The first reading is taken now, so a change after this is seen. */
  async watch(regionPath: string, socket: BoardSocket): Promise<() => void> {
    let entry = this.watched.get(regionPath);
    if (!entry) {
      entry = { sockets: new Set(), fingerprint: null };
      this.watched.set(regionPath, entry);
    }
    entry.sockets.add(socket);
    if (entry.fingerprint === null) entry.fingerprint = await this.fingerprint(regionPath);
    this.timer ??= setInterval(() => void this.tick(), this.intervalMs);
    return () => {
      const current = this.watched.get(regionPath);
      if (!current) return;
      current.sockets.delete(socket);
      if (current.sockets.size === 0) this.watched.delete(regionPath);
      if (this.watched.size === 0) this.stop();
    };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One round: every watched region read once; a tick still running when the next is due is not doubled. */
  private async tick(): Promise<void> {
    if (this.isTicking) return;
    this.isTicking = true;
    try {
      for (const [path, entry] of this.watched) {
        const fingerprint = await this.fingerprint(path);
        if (entry.fingerprint !== null && fingerprint !== entry.fingerprint) {
          const message = JSON.stringify({ type: "changed", at: this.clock.now().toISOString() } satisfies BoardMessage);
          for (const socket of entry.sockets) if (socket.readyState === OPEN) socket.send(message);
        }
        entry.fingerprint = fingerprint;
      }
    } catch (error) {
      this.log.warn({ err: error }, "analytics board: reading the rollups' fingerprint failed; trying again next second");
    } finally {
      this.isTicking = false;
    }
  }

  /** Today's (Beijing) rollup rows of the region node: any ticket taken in or acted on in the subtree today changes them. */
  private async fingerprint(regionPath: string): Promise<string> {
    // Every column of every row of the day, so any counter that moves (today's or a later one's) changes it.
    const { rows } = await this.database.db.execute<{ f: string | null }>(sql`
      select md5(coalesce(string_agg(d::text, '|' order by d.channel, d.service_type, d.category), '')) as f
      from analytics_daily d where d.region_path = ${regionPath} and d.day = ${beijingDate(this.clock.now())}::date`);
    return rows[0]?.f ?? "";
  }
}
