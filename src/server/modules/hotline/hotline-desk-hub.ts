import pg from "pg";
import { sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Tx } from "../../platform/db/index.ts";
import type { AppContext } from "../../platform/context.ts";
import { presentDeskCall, loadDeskCalls, loadOperatorStates, operatorsConcernedNotified, type DeskCallView } from "./queries/desk-calls.ts";
import type { OperatorStateView } from "./commands/set-operator-state.ts";

/** The PostgreSQL channel every server process listens on for the desk's pushes. */
export const DESK_CHANNEL = "hotline_desk";

/**
 * What changed, for whom: sent with NOTIFY, so small and free of personal data
 * (no number, no name). A call notice names the call's row and the event type;
 * a state-only notice (an operator set their own state) names no call.
 */
export type DeskNotice = {
  operatorIds: string[];
  callRef: string | null;
  eventType: string | null;
  /** When our server received the event (ISO). */
  receivedAt: string | null;
};

/** One message to a desk (docs/hotline-desk-live.md). */
export type DeskMessage =
  | { type: "hello"; operatorId: string; seats: { sourceId: string; extension: string; name: string }[]; state: DeskStateView }
  | { type: "call"; call: DeskCallView; eventType: string; receivedAt: string | null }
  | { type: "state"; state: DeskStateView }
  | { type: "pong" };

export type DeskStateView = { state: OperatorStateView["state"]; since: string | null; callId: string | null };

/** The part of a WebSocket the hub uses (ws's WebSocket). */
export type DeskSocket = { readyState: number; send(data: string): void; close(code?: number, reason?: string): void };

type Connection = { socket: DeskSocket; operatorId: string; isReady: boolean; queued: string[]; lastState: string | null };

const OPEN = 1;
const RECONNECT_FIRST_MS = 500;
const RECONNECT_MAX_MS = 30_000;

const stateKey = (s: DeskStateView) => `${s.state}|${s.since ?? ""}|${s.callId ?? ""}`;
export const presentDeskState = (view: OperatorStateView): DeskStateView => ({ state: view.state, since: view.since, callId: view.callId });

/**
 * The desk's fan-out in one server process: the desks connected here, and the
 * way notices reach them.
 *
 * On PostgreSQL a notice is `pg_notify`'d inside the event's transaction (so it
 * is delivered on commit, and a rolled-back event notifies nothing), and every
 * process — this one included — receives it on its own dedicated LISTEN
 * connection, loads the call once and pushes to its own sockets of those
 * operators. On the embedded database (PGlite behind pglite-socket) LISTEN
 * cannot work: the socket server multiplexes every client onto PGlite's single
 * session and forwards no asynchronous NotificationResponse to an idle client,
 * and its second connection slot is kept for the pool's replacement connection.
 * The embedded database is one process's own (a lock file), so there the notice
 * is delivered in-process right after the commit (`afterCommit`).
 */
export class DeskHub {
  private readonly connections = new Map<string, Set<Connection>>();
  private listener: pg.Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelay = RECONNECT_FIRST_MS;
  private isClosed = false;
  /** Notices are loaded concurrently but pushed in the order they arrived. */
  private pushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: AppContext,
    private readonly log: FastifyBaseLogger,
  ) {}

  get usesListen(): boolean {
    return this.ctx.database.kind === "postgres";
  }

  /** Inside the transaction that made the change: on PostgreSQL, NOTIFY (sent on commit only). */
  async publish(tx: Tx, notice: DeskNotice | null): Promise<void> {
    if (!notice || notice.operatorIds.length === 0 || !this.usesListen) return;
    await tx.execute(sql`select pg_notify(${DESK_CHANNEL}, ${JSON.stringify(notice)})`);
  }

  /**
   * Inside a call event's transaction: the operators the call concerns, and on
   * PostgreSQL the NOTIFY of their notice, in one statement. Hand the notice to
   * `afterCommit` once committed.
   */
  async publishCall(tx: Tx, call: Parameters<typeof operatorsConcernedNotified>[1], extensions: (string | null | undefined)[], eventType: string, receivedAt: string): Promise<DeskNotice> {
    const operatorIds = await operatorsConcernedNotified(tx, call, extensions, this.usesListen ? { channel: DESK_CHANNEL, eventType, receivedAt } : null);
    return { operatorIds, callRef: call.id, eventType, receivedAt };
  }

  /** After the commit: on the embedded database, the in-process fan-out. */
  afterCommit(notice: DeskNotice | null): void {
    if (!notice || notice.operatorIds.length === 0 || this.usesListen) return;
    this.deliver(notice);
  }

  /** Starts the LISTEN connection (PostgreSQL); resolves once it listens. */
  async start(): Promise<void> {
    if (!this.usesListen || this.isClosed) return;
    await this.connect();
  }

  private async connect(): Promise<void> {
    const options = (this.ctx.database.pool as unknown as { options: pg.ClientConfig }).options;
    const client = new pg.Client({ connectionString: options.connectionString, host: options.host, port: options.port, user: options.user, password: options.password, database: options.database });
    client.on("notification", (message) => {
      if (message.channel !== DESK_CHANNEL || !message.payload) return;
      try {
        this.deliver(JSON.parse(message.payload) as DeskNotice);
      } catch (error) {
        this.log.warn({ err: error }, "hotline desk: an unreadable notification was dropped");
      }
    });
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listener = null;
      void client.end().catch(() => {});
      if (this.isClosed) return;
      this.log.warn({ err: error }, `hotline desk: the LISTEN connection dropped; reconnecting in ${this.reconnectDelay} ms (pushes in between are lost; desks reload on reconnect)`);
      this.scheduleReconnect();
    };
    client.on("error", lost);
    client.on("end", () => lost());
    this.listener = client;
    try {
      await client.connect();
      await client.query(`listen ${DESK_CHANNEL}`);
      this.reconnectDelay = RECONNECT_FIRST_MS;
      for (const resolve of this.listenWaiters.splice(0)) resolve();
    } catch (error) {
      if (this.listener === client) {
        this.listener = null;
        void client.end().catch(() => {});
      }
      if (this.isClosed) return;
      this.log.warn({ err: error }, `hotline desk: cannot LISTEN; retrying in ${this.reconnectDelay} ms`);
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.isClosed) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(delay * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect().then(() => {
        if (this.listener) this.log.info("hotline desk: LISTEN connection restored");
      });
    }, delay);
    this.reconnectTimer.unref();
  }

  private readonly listenWaiters: (() => void)[] = [];

  /** Resolves the next time the LISTEN connection is (re)established (tests of the reconnect). */
  nextListen(): Promise<void> {
    return new Promise((resolve) => this.listenWaiters.push(resolve));
  }

  /** The LISTEN connection's backend pid (tests), null while it is down or on the embedded database. */
  get listenerPid(): number | null {
    return (this.listener as unknown as { processID?: number } | null)?.processID ?? null;
  }

  /** Stops listening and closes every desk (app close). */
  async stop(): Promise<void> {
    this.isClosed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const client = this.listener;
    this.listener = null;
    if (client) await client.end().catch(() => {});
    for (const set of this.connections.values()) for (const c of set) c.socket.close(1001, "server shutting down");
    this.connections.clear();
    await this.pushing;
  }

  /** A desk connected: messages are held until `ready` (after its hello), so nothing between the two is lost. */
  attach(operatorId: string, socket: DeskSocket): { ready(hello: DeskMessage): void; detach(): void } {
    const connection: Connection = { socket, operatorId, isReady: false, queued: [], lastState: null };
    let set = this.connections.get(operatorId);
    if (!set) this.connections.set(operatorId, (set = new Set()));
    set.add(connection);
    return {
      ready: (hello) => {
        if (hello.type === "hello") connection.lastState = stateKey(hello.state);
        this.sendTo(connection, JSON.stringify(hello));
        connection.isReady = true;
        for (const text of connection.queued.splice(0)) this.sendTo(connection, text);
      },
      detach: () => {
        const current = this.connections.get(operatorId);
        current?.delete(connection);
        if (current && current.size === 0) this.connections.delete(operatorId);
      },
    };
  }

  /** How many desks are connected here (tests, the bench). */
  get connectionCount(): number {
    let n = 0;
    for (const set of this.connections.values()) n += set.size;
    return n;
  }

  private sendTo(connection: Connection, text: string): void {
    if (!connection.isReady && !text.startsWith('{"type":"hello"')) {
      connection.queued.push(text);
      return;
    }
    if (connection.socket.readyState === OPEN) connection.socket.send(text);
  }

  /**
   * A notice reached this process. Those that arrive together (a burst of
   * notifications, read from the socket in one go) are taken as one batch: the
   * calls in one query and the operators' states in another, then pushed in the
   * order the notices came. A notice whose operators have no desk here costs
   * nothing.
   */
  deliver(notice: DeskNotice): void {
    if (!notice.operatorIds.some((id) => this.connections.has(id))) return;
    this.batch.push(notice);
    if (this.batch.length === 1) setImmediate(() => this.flush());
  }

  private batch: DeskNotice[] = [];

  private flush(): void {
    const notices = this.batch;
    this.batch = [];
    if (this.isClosed) return;
    const { database, protector } = this.ctx;
    const callRefs = [...new Set(notices.map((n) => n.callRef).filter((id): id is string => id !== null))];
    const operatorIds = [...new Set(notices.flatMap((n) => n.operatorIds.filter((id) => this.connections.has(id))))];
    // Loaded now, while the previous batch may still be sending: pushed after it.
    const loading = Promise.all([loadDeskCalls(database.db, callRefs), loadOperatorStates(database.db, operatorIds)]);
    this.pushing = this.pushing
      .then(async () => {
        const [calls, states] = await loading;
        for (const notice of notices) {
          const row = notice.callRef ? calls.get(notice.callRef) : null;
          const callText = row ? JSON.stringify({ type: "call", call: presentDeskCall(row, protector), eventType: notice.eventType ?? "", receivedAt: notice.receivedAt } satisfies DeskMessage) : null;
          for (const operatorId of notice.operatorIds) {
            const connections = this.connections.get(operatorId);
            if (!connections) continue;
            const state = presentDeskState(states.get(operatorId) ?? { operatorId, state: "break", callId: null, since: null });
            const key = stateKey(state);
            for (const connection of connections) {
              if (callText) this.sendTo(connection, callText);
              if (connection.lastState !== key) {
                connection.lastState = key;
                this.sendTo(connection, JSON.stringify({ type: "state", state } satisfies DeskMessage));
              }
            }
          }
        }
      })
      .catch((error) => this.log.error({ err: error }, "hotline desk: a push failed"));
  }
}

const hubs = new WeakMap<AppContext, DeskHub>();

/** The hub of this app (one per process and app), made on first use. */
export function deskHubOf(ctx: AppContext, log: FastifyBaseLogger): DeskHub {
  let hub = hubs.get(ctx);
  if (!hub) hubs.set(ctx, (hub = new DeskHub(ctx, log)));
  return hub;
}
