import { Type, type Static } from "@sinclair/typebox";
import { literalUnion, OffsetSchema, RequiredText } from "../../platform/schema.ts";
import { ApplicantSchema } from "../tickets/tickets.types.ts";
import { RegionCodeSchema } from "../regions/regions.types.ts";
import { PREREGISTRATION_SERVICES } from "./preregistration-matters.ts";
import { PREREGISTRATION_STATUSES, PROVIDER_STATUSES } from "./preregistration.state.ts";

const ServiceSchema = literalUnion(PREREGISTRATION_SERVICES, "the service: notarization, forensic appraisal, arbitration, administrative reconsideration");
const MatterCode = Type.String({ minLength: 1, maxLength: 40, pattern: "^[a-z_]+$", description: "the matter's code, from GET /api/preregistration/matters" });
const AnswersSchema = Type.Record(Type.String({ pattern: "^[A-Za-z]{1,40}$" }), Type.Union([Type.String({ maxLength: 200 }), Type.Boolean()]), {
  description: "answers to the matter's questions, by key: yes/no as booleans, dates as yyyy-mm-dd",
  maxProperties: 20,
});
const MaterialKeys = Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { uniqueItems: true, maxItems: 30, description: "checklist keys handed in (ticked)" });

const LawNoteSchema = Type.Object({ lawTitle: Type.String(), articleNo: Type.String(), note: Type.String() });
const FindingSchema = Type.Object({ level: literalUnion(["stop", "warning", "info"] as const), code: Type.String(), message: Type.String(), lawTitle: Type.String(), articleNo: Type.String() });
const QuestionSchema = Type.Object({
  key: Type.String(),
  type: literalUnion(["yes_no", "date", "text", "choice"] as const),
  label: Type.String(),
  isRequired: Type.Boolean(),
  options: Type.Optional(Type.Array(Type.Object({ value: Type.String(), label: Type.String() }))),
});
const ChecklistItemSchema = Type.Object({ key: Type.String(), name: Type.String(), isRequired: Type.Boolean() });

export const MatterSchema = Type.Object({
  service: ServiceSchema,
  code: Type.String(),
  name: Type.String(),
  providerKind: Type.Union([Type.String(), Type.Null()], { description: "the directory kind it routes to; null: the county public legal service centre" }),
  checklist: Type.Array(ChecklistItemSchema),
  notes: Type.Array(LawNoteSchema),
  questions: Type.Array(QuestionSchema),
});

export const RouteQuerySchema = Type.Object(
  { service: ServiceSchema, matter: MatterCode, regionCode: RegionCodeSchema, answers: Type.Optional(Type.String({ maxLength: 2000, description: "the answers as JSON" })) },
  { additionalProperties: false },
);

const OfferedProviderSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  name: Type.String(),
  region: Type.Object({ code: Type.String(), name: Type.String() }),
  address: Type.String(),
  phone: Type.String(),
  openingHours: Type.String(),
});

export const RouteSchema = Type.Object({
  findings: Type.Array(FindingSchema),
  providers: Type.Array(OfferedProviderSchema),
  fallback: Type.Union([Type.Object({ region: Type.Object({ code: Type.String(), name: Type.String() }), name: Type.String(), note: Type.String() }), Type.Null()], {
    description: "where it goes when no provider is offered: the service centre of the county (or the city), with the reason",
  }),
});
export type RouteView = Static<typeof RouteSchema>;

const CreateFields = {
  service: ServiceSchema,
  matter: MatterCode,
  regionCode: RegionCodeSchema,
  answers: AnswersSchema,
  providerId: Type.Optional(Type.String({ format: "uuid", description: "the provider chosen among those offered; required when more than one is offered" })),
  materialsChecked: Type.Optional(MaterialKeys),
  description: Type.Optional(Type.String({ maxLength: 2000, description: "anything the applicant adds" })),
};

export const PortalCreateSchema = Type.Object({ ...CreateFields, applicantName: RequiredText({ maxLength: 50 }) }, { additionalProperties: false });
export type PortalCreateInput = Static<typeof PortalCreateSchema>;

export const WindowCreateSchema = Type.Object({ ...CreateFields, applicant: ApplicantSchema }, { additionalProperties: false });
export type WindowCreateInput = Static<typeof WindowCreateSchema>;

export const StatusUpdateSchema = Type.Object(
  {
    updateId: Type.String({ minLength: 1, maxLength: 100, pattern: "^[A-Za-z0-9._:-]+$", description: "the sender's own id of this update: the same update sent again is stored once" }),
    status: literalUnion(PROVIDER_STATUSES, "the provider's status"),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    materialsNeeded: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 30, description: "required with materials_needed: what the applicant must still bring, all at once" })),
    reason: Type.Optional(Type.String({ maxLength: 1000, description: "required with declined" })),
  },
  { additionalProperties: false },
);
export type StatusUpdateInput = Static<typeof StatusUpdateSchema>;

export const MaterialsSchema = Type.Object({ checked: MaterialKeys }, { additionalProperties: false });

const UpdateSchema = Type.Object({
  status: literalUnion(PREREGISTRATION_STATUSES),
  note: Type.String(),
  materialsNeeded: Type.Array(Type.String()),
  reason: Type.String(),
  source: literalUnion(["applicant", "staff", "provider"] as const),
  actorName: Type.String(),
  at: Type.String({ format: "date-time" }),
});

export const PreregistrationSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  ticketId: Type.String({ format: "uuid" }),
  number: Type.String({ description: "the ticket's number" }),
  service: ServiceSchema,
  matter: Type.Object({ code: Type.String(), name: Type.String() }),
  answers: Type.Record(Type.String(), Type.Union([Type.String(), Type.Boolean()])),
  findings: Type.Array(FindingSchema),
  region: Type.Object({ code: Type.String(), name: Type.String() }),
  provider: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  route: Type.Object({ name: Type.String(), region: Type.Object({ code: Type.String(), name: Type.String() }), note: Type.String() }),
  materials: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), isRequired: Type.Boolean(), isChecked: Type.Boolean() })),
  notes: Type.Array(LawNoteSchema),
  status: literalUnion(PREREGISTRATION_STATUSES),
  materialsNeeded: Type.Array(Type.String()),
  declineReason: Type.String(),
  history: Type.Array(UpdateSchema),
  nextStatuses: Type.Array(Type.String(), { description: "the statuses the next update may report" }),
  createdAt: Type.String({ format: "date-time" }),
  updatedAt: Type.String({ format: "date-time" }),
  abilities: Type.Object({ read: Type.Boolean(), recordStatus: Type.Boolean(), checkMaterials: Type.Boolean() }),
});
export type PreregistrationView = Static<typeof PreregistrationSchema>;

export const ListQuerySchema = Type.Object(
  {
    status: Type.Optional(literalUnion(PREREGISTRATION_STATUSES)),
    service: Type.Optional(ServiceSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    offset: Type.Optional(OffsetSchema),
  },
  { additionalProperties: false },
);

export const CreateProviderClientSchema = Type.Object({ providerId: Type.String({ format: "uuid" }) }, { additionalProperties: false });
export const ProviderClientSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  providerId: Type.String({ format: "uuid" }),
  apiKey: Type.String(),
  isDisabled: Type.Boolean(),
  createdAt: Type.String({ format: "date-time" }),
});
export const CreatedProviderClientSchema = Type.Object({ ...ProviderClientSchema.properties, secret: Type.String({ description: "shown this once" }) });
export const ProviderStatusReceiptSchema = Type.Object({ id: Type.String({ format: "uuid" }), number: Type.String(), status: literalUnion(PREREGISTRATION_STATUSES) });

/** What a provider sees of a pre-registration routed to it: no personal data beyond the ticket number the applicant brings. */
export const ProviderPreregistrationSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  number: Type.String(),
  service: ServiceSchema,
  matter: Type.Object({ code: Type.String(), name: Type.String() }),
  answers: Type.Record(Type.String(), Type.Union([Type.String(), Type.Boolean()])),
  materials: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), isRequired: Type.Boolean(), isChecked: Type.Boolean() })),
  status: literalUnion(PREREGISTRATION_STATUSES),
  materialsNeeded: Type.Array(Type.String()),
  nextStatuses: Type.Array(Type.String()),
  createdAt: Type.String({ format: "date-time" }),
});
