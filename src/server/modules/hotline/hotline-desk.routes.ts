import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { notFound } from "../../platform/errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { callHistoryPolicy, deskPolicy } from "./hotline.policy.ts";
import { CallHistorySchema } from "./hotline-desk.types.ts";
import { deskHubOf, presentDeskState, type DeskMessage } from "./hotline-desk-hub.ts";
import { getOperatorState } from "./commands/set-operator-state.ts";
import { findDeskSeats, loadDeskCall, operatorsConcerned } from "./queries/desk-calls.ts";
import { getCallHistory } from "./queries/get-call-history.ts";

const tags = ["hotline"];
const staff = { access: "staff" } as const;
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });
/** Close codes the desk tells apart (4000–4999 are the application's). */
export const DESK_CLOSE = { forbidden: 4403, badMessage: 4400 } as const;

/**
 * 12348 hotline, the operator desk's live side: the WebSocket that pushes an
 * operator's calls and state as they change, and a call's pop-up (the caller's
 * earlier calls and tickets). Fan-out across processes: hotline-desk-hub.ts.
 */
export const hotlineDeskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, protector, clock } = app.ctx;
  const hub = deskHubOf(app.ctx, app.log);
  app.addHook("onReady", () => hub.start());
  // Before the WebSocket server closes its clients: the listener and the desks go first.
  app.addHook("preClose", () => hub.stop());

  app.get(
    "/api/hotline/desk/live",
    {
      websocket: true,
      config: staff,
      schema: {
        tags,
        summary: "The operator desk's live feed (WebSocket): hello, then your calls and your state as they change (operators and duty lawyers); see docs/hotline-desk-live.md",
      },
    },
    async (socket, request) => {
      const actor = request.actor!;
      if (actor.kind !== "staff" || !deskPolicy.can(actor, "read", { operatorId: actor.id })) {
        socket.close(DESK_CLOSE.forbidden, "The desk is for hotline operators and duty lawyers");
        return;
      }
      // Attached before the hello is read, so a push in between is queued, not lost.
      const attached = hub.attach(actor.id, socket);
      socket.on("close", attached.detach);
      socket.on("error", attached.detach);
      socket.on("message", (data, isBinary) => {
        let message: { type?: unknown } | null = null;
        try {
          message = isBinary ? null : (JSON.parse(data.toString()) as { type?: unknown });
        } catch {
          message = null;
        }
        if (message?.type === "ping") socket.send(JSON.stringify({ type: "pong" } satisfies DeskMessage));
        else socket.send(JSON.stringify({ type: "error", code: "VALIDATION_FAILED", field: "type", message: 'The desk accepts {"type":"ping"} only' }));
      });
      try {
        const [seats, state] = await Promise.all([findDeskSeats(database.db, actor.id), getOperatorState(database.db, actor.id)]);
        attached.ready({ type: "hello", operatorId: actor.id, seats, state: presentDeskState(state) });
      } catch (error) {
        request.log.error({ err: error }, "hotline desk: the hello failed");
        attached.detach();
        socket.close(1011, "The desk could not be loaded");
      }
    },
  );

  app.get("/api/hotline/calls/:id/history", {
    config: staff,
    schema: {
      tags,
      summary: "A call's pop-up: the call, the caller's earlier calls and tickets by number (the call's operator; admins, leaders, supervisors of its region)",
      params: IdParams,
      response: { 200: CallHistorySchema },
    },
    handler: async (request) => {
      const actor = request.actor!;
      return database.db.transaction(async (tx) => {
        const call = await loadDeskCall(tx, request.params.id);
        if (!call) throw notFound("Call");
        callHistoryPolicy.authorize(actor, "read", { regionPath: call.regionPath, concernedOperatorIds: await operatorsConcerned(tx, call, []) });
        const history = await getCallHistory(tx, actor, protector, call);
        // A look-up by the caller's number: on the trail (who looked at whose history).
        await recordAudit(tx, { actor, action: "hotline.call_history", entityType: "hotline_call", entityId: call.id, at: clock.now(), regionPath: call.regionPath, detail: { calls: history.calls.length, tickets: history.tickets.length } });
        return history;
      });
    },
  });
};
