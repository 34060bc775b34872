import { Type } from "@sinclair/typebox";
import { literalUnion } from "../../platform/schema.ts";
import { CALL_OUTCOMES } from "./hotline-call.ts";
import { CALL_PHASES } from "./queries/desk-calls.ts";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Type.String({ format: "date-time" });

/** A call as the desk shows it (the WebSocket's `call` message and the pop-up); the caller's number masked. */
export const DeskCallSchema = Type.Object({
  id: Type.String({ format: "uuid", description: "hotline_calls.id" }),
  callId: Type.String({ description: "the phone system's call id" }),
  sourceId: Type.String({ format: "uuid" }),
  seat: Nullable(Type.String({ description: "the seat that answered, else the last that rang" })),
  operatorId: Nullable(Type.String({ format: "uuid" })),
  phase: literalUnion(CALL_PHASES, "where the call is now"),
  outcome: Nullable(literalUnion(CALL_OUTCOMES)),
  callerMasked: Nullable(Type.String({ description: "e.g. 138****8000" })),
  arrivedAt: Nullable(Instant),
  ringAt: Nullable(Instant),
  answeredAt: Nullable(Instant),
  endedAt: Nullable(Instant),
  transferTarget: Nullable(Type.String()),
});

/** GET /api/hotline/calls/:id/history: the pop-up. */
export const CallHistorySchema = Type.Object({
  call: DeskCallSchema,
  caller: Type.Object({ masked: Nullable(Type.String()) }),
  calls: Type.Array(
    Type.Object({
      id: Type.String({ format: "uuid" }),
      callId: Type.String(),
      arrivedAt: Nullable(Instant),
      outcome: Nullable(literalUnion(CALL_OUTCOMES)),
      seat: Nullable(Type.String()),
      operatorId: Nullable(Type.String({ format: "uuid" })),
      waitSeconds: Nullable(Type.Integer()),
      talkSeconds: Nullable(Type.Integer()),
    }),
    { description: "the caller's earlier calls (same number), newest first, up to 20" },
  ),
  tickets: Type.Array(
    Type.Object({
      id: Type.String({ format: "uuid" }),
      number: Type.String(),
      status: Type.String(),
      serviceType: Type.String(),
      category: Type.String(),
      createdAt: Instant,
      summary: Type.String({ description: "the start of the ticket's description" }),
    }),
    { description: "tickets whose applicant gave this number, newest first, up to 20" },
  ),
});
