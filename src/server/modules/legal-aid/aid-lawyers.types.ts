import { Type, type Static } from "@sinclair/typebox";
import { OffsetSchema, RequiredText, literalUnion } from "../../platform/schema.ts";
import { RegionCodeSchema } from "../regions/regions.types.ts";
import { AID_LAWYER_FIELDS, AID_LAWYER_STATUSES } from "./aid-lawyers.rules.ts";

export const AidLawyerFieldSchema = literalUnion(AID_LAWYER_FIELDS, "field the lawyer is approved for (婚姻家庭, 劳动争议, 侵权, 合同, 刑事 …)");
const Fields = Type.Array(AidLawyerFieldSchema, { minItems: 1, maxItems: AID_LAWYER_FIELDS.length, uniqueItems: true });
const PracticeSince = Type.String({ format: "date", description: "the day the lawyer began practising (执业之日), YYYY-MM-DD; Art. 26 counts years from it" });

/** POST /api/legal-aid/lawyers: approve a lawyer account into a center's pool. */
export const ApproveAidLawyerSchema = Type.Object(
  {
    accountId: Type.String({ format: "uuid" }),
    /** The county whose legal aid center keeps the pool. */
    centerRegionCode: RegionCodeSchema,
    fields: Fields,
    practiceSince: PracticeSince,
    licenseNo: Type.Optional(RequiredText({ maxLength: 40, description: "执业证号" })),
    reason: Type.Optional(RequiredText({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type ApproveAidLawyerInput = Static<typeof ApproveAidLawyerSchema>;

/** PATCH /api/legal-aid/lawyers/:id: fields, practice start, licence. */
export const UpdateAidLawyerSchema = Type.Object(
  { fields: Type.Optional(Fields), practiceSince: Type.Optional(PracticeSince), licenseNo: Type.Optional(Type.Union([RequiredText({ maxLength: 40 }), Type.Null()])) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateAidLawyerInput = Static<typeof UpdateAidLawyerSchema>;

/** POST /api/legal-aid/lawyers/:id/status: suspend, reinstate or remove, always with the reason. */
export const SetAidLawyerStatusSchema = Type.Object(
  { action: literalUnion(["suspend", "reinstate", "remove"] as const), reason: RequiredText({ maxLength: 1000 }) },
  { additionalProperties: false },
);
export type SetAidLawyerStatusInput = Static<typeof SetAidLawyerStatusSchema>;

export const AidLawyerListQuerySchema = Type.Object(
  {
    centerRegionCode: Type.Optional(RegionCodeSchema),
    status: Type.Optional(literalUnion(AID_LAWYER_STATUSES)),
    field: Type.Optional(AidLawyerFieldSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 100 })),
    offset: Type.Optional(OffsetSchema),
  },
  { additionalProperties: false },
);
export type AidLawyerListQuery = Static<typeof AidLawyerListQuerySchema>;

/** GET /api/legal-aid/lawyers/suggestion and the case's pool: what the matter asks of the lawyer. */
export const PoolNeedQuerySchema = Type.Object(
  {
    field: Type.Optional(AidLawyerFieldSchema),
    isLifeOrDeathCase: Type.Optional(Type.Boolean({ description: "Art. 26: the defendant may be sentenced to life imprisonment or death, or a death-penalty review" })),
  },
  { additionalProperties: false },
);

const RegionRef = Type.Object({ code: Type.String(), name: Type.String() });

export const AidLawyerEventSchema = Type.Object({
  type: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Record(Type.String(), Type.Unknown()),
  actorName: Type.Union([Type.String(), Type.Null()]),
  at: Type.String(),
});

export const PoolLawyerSchema = Type.Object({
  id: Type.String({ description: "the pool entry" }),
  accountId: Type.String(),
  displayName: Type.String(),
  region: RegionRef,
  center: RegionRef,
  fields: Type.Array(Type.String()),
  practiceSince: Type.String(),
  yearsOfPractice: Type.Integer(),
  licenseNo: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  activeCases: Type.Integer({ description: "open aid cases assigned now" }),
  lastAssignedAt: Type.Union([Type.String(), Type.Null()]),
  rating: Type.Union([Type.Number(), Type.Null()], { description: "mean quality-review score (0–100) of their closed cases, null when none was reviewed" }),
  ratedCases: Type.Integer(),
  approvedAt: Type.String(),
  history: Type.Optional(Type.Array(AidLawyerEventSchema)),
  abilities: Type.Record(Type.String(), Type.Boolean()),
});
export type PoolLawyerView = Static<typeof PoolLawyerSchema>;
