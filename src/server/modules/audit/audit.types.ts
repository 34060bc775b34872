import { Type, type Static } from "@sinclair/typebox";
import { OffsetSchema, RequiredText } from "../../platform/schema.ts";

const BeijingDate = (description: string) => Type.String({ format: "date", description: `${description}, a Beijing day YYYY-MM-DD (included)` });

/** The filters of the audit log, shared by the list and the export. */
export const AuditFilterProperties = {
  actorId: Type.Optional(Type.String({ format: "uuid", description: "the account that acted" })),
  actor: Type.Optional(RequiredText({ maxLength: 64, description: "the username that acted or tried to sign in (case-insensitive)" })),
  action: Type.Optional(Type.String({ pattern: "^[a-z_]+(\\.[a-z_]+)*$", maxLength: 60, description: 'an action code, e.g. "auth.login_failed"' })),
  entityType: Type.Optional(Type.String({ pattern: "^[a-z_]+$", maxLength: 40, description: 'the object type, e.g. "ticket"' })),
  entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "the object's id, exactly" })),
  entity: Type.Optional(RequiredText({ maxLength: 100, description: "the object as typed: id, ticket number, username or name" })),
  from: Type.Optional(BeijingDate("first day")),
  to: Type.Optional(BeijingDate("last day")),
};

export const AuditListQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(OffsetSchema),
    ...AuditFilterProperties,
  },
  { additionalProperties: false },
);
export type AuditListQuery = Static<typeof AuditListQuerySchema>;

export const AuditExportQuerySchema = Type.Object(AuditFilterProperties, { additionalProperties: false });

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: "date-time" }),
  actorKind: Type.String(),
  actorId: Nullable(Type.String()),
  actorUsername: Nullable(Type.String()),
  actorName: Nullable(Type.String({ description: "the acting account's display name" })),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  entityLabel: Nullable(Type.String({ description: "the object's name or number, from its owning module" })),
  entitySecondary: Nullable(Type.String({ description: "shown beside the label: a username, a region code" })),
  ip: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

export const AuditListSchema = Type.Object({
  items: Type.Array(AuditEntrySchema),
  total: Type.Integer(),
  subject: Type.Union([
    Type.Object({ entityType: Type.String(), entityId: Type.String(), label: Nullable(Type.String()) }, { description: "the one object the filter names, when an entry in scope mentions it" }),
    Type.Null(),
  ]),
});
