import { Type, type Static } from "@sinclair/typebox";
import { OffsetSchema, literalUnion } from "../../platform/schema.ts";
import { RegionCodeSchema } from "../regions/regions.types.ts";
import { ALERT_KINDS, SEVERITIES } from "./early-warning.detect.ts";
import { ALERT_ACTIONS, ALERT_STATES } from "./early-warning.state.ts";

const Region = Type.Object({ code: Type.String(), name: Type.String() });
const When = Type.String({ format: "date-time" });
const Who = Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]);

export const AlertListQuerySchema = Type.Object(
  {
    state: Type.Optional(literalUnion([...ALERT_STATES, "live", "all"] as const, "live (not closed) by default")),
    kind: Type.Optional(literalUnion(ALERT_KINDS, "counterparty, place or spike")),
    regionCode: Type.Optional(RegionCodeSchema),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: OffsetSchema,
  },
  { additionalProperties: false },
);
export type AlertListQuery = Static<typeof AlertListQuerySchema>;

export const AlertSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  kind: literalUnion(ALERT_KINDS),
  key: Type.String(),
  region: Region,
  category: Type.Union([Type.String(), Type.Null()]),
  counterpartyName: Type.Union([Type.String(), Type.Null()]),
  windowStart: When,
  windowEnd: When,
  ticketCount: Type.Integer(),
  applicantCount: Type.Integer(),
  baseline: Type.Union([Type.Object({ mean: Type.Number(), stdev: Type.Number(), z: Type.Union([Type.Number(), Type.Null()]), p: Type.Optional(Type.Number({ description: "place: the Poisson tail of the count" })) }), Type.Null()]),
  severity: literalUnion(SEVERITIES),
  state: literalUnion(ALERT_STATES),
  previousId: Type.Union([Type.String(), Type.Null()]),
  acknowledged: Type.Union([Type.Object({ by: Who, at: When }), Type.Null()]),
  handling: Type.Union([Type.Object({ by: Who, at: When }), Type.Null()]),
  closed: Type.Union([Type.Object({ by: Who, at: When }), Type.Null()]),
  createdAt: When,
  updatedAt: When,
  abilities: Type.Object({ acknowledge: Type.Boolean(), handle: Type.Boolean(), close: Type.Boolean() }),
});
export type AlertView = Static<typeof AlertSchema>;

export const AlertDetailSchema = Type.Composite([
  AlertSchema,
  Type.Object({
    tickets: Type.Array(
      Type.Object({
        id: Type.String({ format: "uuid" }),
        number: Type.String(),
        category: Type.String(),
        serviceType: Type.String(),
        channel: Type.String(),
        status: Type.String(),
        region: Region,
        createdAt: When,
        /** Masked (张*): the alert is about the cluster, the ticket page about the person. */
        applicantName: Type.String(),
      }),
    ),
    notes: Type.Array(Type.Object({ action: Type.String(), from: Type.String(), to: Type.String(), note: Type.Union([Type.String(), Type.Null()]), by: Type.Union([Type.String(), Type.Null()]), at: When })),
    recipients: Type.Object({ accounts: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), reason: Type.String() })), committees: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })) }),
  }),
]);
export type AlertDetail = Static<typeof AlertDetailSchema>;

export const AlertActionSchema = Type.Object(
  {
    action: literalUnion(ALERT_ACTIONS, "acknowledge, handle or close"),
    note: Type.Optional(Type.String({ maxLength: 1000, description: "what was done; required to close" })),
  },
  { additionalProperties: false },
);
export type AlertActionInput = Static<typeof AlertActionSchema>;

export const ScanReportSchema = Type.Object({ detected: Type.Integer(), raised: Type.Integer(), updated: Type.Integer(), notified: Type.Integer() });
