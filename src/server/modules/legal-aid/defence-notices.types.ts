import { Type, type Static } from "@sinclair/typebox";
import { OffsetSchema, RequiredText, literalUnion } from "../../platform/schema.ts";
import { RegionCodeSchema } from "../regions/regions.types.ts";
import { CASE_STAGES, DEFENCE_GROUNDS, DEFENCE_NOTICE_STATUSES, DUTY_SHIFTS, DUTY_STATION_KINDS, NOTIFYING_BODIES } from "./assigned-defence.rules.ts";

/** POST /api/legal-aid/defence-notices: a notice received from a court, procuratorate or police. */
export const RecordDefenceNoticeSchema = Type.Object(
  {
    /** The county whose legal aid center received it (a region below a county means its county). */
    centerRegionCode: RegionCodeSchema,
    body: literalUnion(NOTIFYING_BODIES, "人民法院 court, 人民检察院 procuratorate, 公安机关 police"),
    bodyName: RequiredText({ maxLength: 100, description: "the notifying body's name, e.g. 青川区人民法院" }),
    documentNo: RequiredText({ maxLength: 100, description: "the notice's document number (文号)" }),
    receivedAt: Type.Optional(Type.String({ format: "date-time", description: "when the center received it; Art. 36's 3 days run from it (default: now)" })),
    ground: literalUnion(DEFENCE_GROUNDS, "Art. 25 ¶1 (1)–(7), Art. 25 ¶2, or Art. 28"),
    caseStage: literalUnion(CASE_STAGES),
    personName: RequiredText({ maxLength: 50, description: "the suspect's or defendant's name (stored sealed)" }),
    charge: Type.Optional(RequiredText({ maxLength: 200, description: "涉嫌罪名" })),
  },
  { additionalProperties: false },
);
export type RecordDefenceNoticeInput = Static<typeof RecordDefenceNoticeSchema>;

/** POST /api/legal-aid/defence-notices/:id/assign: a lawyer of the center's pool. */
export const AssignDefenceLawyerSchema = Type.Object({ lawyerId: Type.String({ format: "uuid", description: "the lawyer's account id (as the pool lists it)" }) }, { additionalProperties: false });
export type AssignDefenceLawyerInput = Static<typeof AssignDefenceLawyerSchema>;

/** POST /api/legal-aid/defence-notices/:id/inform-body: the notifying body was told who defends (Art. 36). */
export const InformBodySchema = Type.Object({ note: Type.Optional(RequiredText({ maxLength: 500, description: "how it was told (回函文号, phone…)" })) }, { additionalProperties: false });
export type InformBodyInput = Static<typeof InformBodySchema>;

export const DefenceNoticeListQuerySchema = Type.Object(
  {
    status: Type.Optional(literalUnion(DEFENCE_NOTICE_STATUSES)),
    /** Only those still open whose limit is in its last 24 hours or past. */
    isPressing: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(OffsetSchema),
  },
  { additionalProperties: false },
);
export type DefenceNoticeListQuery = Static<typeof DefenceNoticeListQuerySchema>;

const RegionRef = Type.Object({ code: Type.String(), name: Type.String() });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const RuleRef = Type.Object({ key: Type.String(), lawTitle: Type.String(), articleNo: Type.String(), explanation: Type.String(), lawId: Nullable(Type.String()), anchor: Nullable(Type.String()) });

export const DefenceNoticeSchema = Type.Object({
  id: Type.String(),
  body: Type.String(),
  bodyName: Type.String(),
  documentNo: Type.String(),
  receivedAt: Type.String(),
  ground: Type.String(),
  groundArticle: Type.String({ description: "the article and item of the ground, e.g. 第二十五条第一款第（四）项" }),
  caseStage: Type.String(),
  personName: Type.String({ description: "in full to the center's reviewers and the lawyer assigned, masked (张*) to other readers" }),
  charge: Nullable(Type.String()),
  center: RegionRef,
  status: Type.String(),
  dueAt: Type.String({ description: "Art. 36: 3 working days from receipt" }),
  deadlineState: Type.String({ description: "running, due_soon (last 24 h), overdue; met or missed once the body is informed" }),
  isLifeOrDeathCase: Type.Boolean({ description: "Art. 26: the lawyer needs three years of criminal practice" }),
  lawyer: Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }), Type.Null()]),
  assignedAt: Nullable(Type.String()),
  assignedByName: Nullable(Type.String()),
  bodyInformedAt: Nullable(Type.String()),
  bodyInformedByName: Nullable(Type.String()),
  rules: Type.Array(RuleRef),
  abilities: Type.Record(Type.String(), Type.Boolean()),
  createdAt: Type.String(),
});
export type DefenceNoticeView = Static<typeof DefenceNoticeSchema>;

/** POST /api/legal-aid/duty-shifts: a pool lawyer on duty at a workstation on a day. */
export const AddDutyShiftSchema = Type.Object(
  {
    centerRegionCode: RegionCodeSchema,
    lawyerId: Type.String({ format: "uuid", description: "the lawyer's account id, approved in the center's pool" }),
    stationKind: literalUnion(DUTY_STATION_KINDS),
    stationName: RequiredText({ maxLength: 100, description: "the workstation, e.g. 青川区看守所法律援助工作站" }),
    date: Type.String({ format: "date", description: "the duty day (Beijing), YYYY-MM-DD" }),
    shift: Type.Optional(literalUnion(DUTY_SHIFTS, "all_day (default), morning or afternoon")),
  },
  { additionalProperties: false },
);
export type AddDutyShiftInput = Static<typeof AddDutyShiftSchema>;

export const DutyShiftListQuerySchema = Type.Object(
  {
    centerRegionCode: Type.Optional(RegionCodeSchema),
    stationName: Type.Optional(RequiredText({ maxLength: 100 })),
    from: Type.String({ format: "date", description: "first day, YYYY-MM-DD" }),
    to: Type.String({ format: "date", description: "last day, YYYY-MM-DD (at most 62 days after from)" }),
  },
  { additionalProperties: false },
);
export type DutyShiftListQuery = Static<typeof DutyShiftListQuerySchema>;

export const DutyShiftSchema = Type.Object({
  id: Type.String(),
  center: RegionRef,
  lawyer: Type.Object({ id: Type.String(), displayName: Type.String() }),
  stationKind: Type.String(),
  stationName: Type.String(),
  date: Type.String(),
  shift: Type.String(),
  abilities: Type.Record(Type.String(), Type.Boolean()),
});
export type DutyShiftView = Static<typeof DutyShiftSchema>;
