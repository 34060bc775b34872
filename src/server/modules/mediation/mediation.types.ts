import { Type, type Static } from "@sinclair/typebox";
import { OffsetSchema, RequiredText, literalUnion } from "../../platform/schema.ts";
import { RegionCodeSchema } from "../regions/regions.types.ts";
import { CreateTicketSchema } from "../tickets/tickets.types.ts";
import { DISPUTE_CATEGORIES } from "../services/service-catalogue.ts";
import { COMMITTEE_KINDS, DECLINE_GROUNDS, FAILURE_GUIDANCE, MEDIATION_DEADLINE_STEPS, PARTNER_KINDS, PERFORMANCE_STATES } from "./mediation.rules.ts";
import { MEDIATION_CASE_ACTION_TYPES, MEDIATION_CASE_STATUSES } from "./mediation-case.state.ts";
import { REFERRAL_DIRECTIONS, REFERRAL_STATUSES } from "./referral.state.ts";
import { RISK_LEVELS, SCREENING_PERIOD_KINDS } from "./screening.rules.ts";

const RegionRefSchema = Type.Object({ code: Type.String(), name: Type.String() });
const IdOrNull = Type.Union([Type.String(), Type.Null()]);

/* ---------- committees ---------- */

export const SaveCommitteeSchema = Type.Object(
  {
    name: RequiredText({ maxLength: 100 }),
    kind: literalUnion(COMMITTEE_KINDS, "village (村/居委会, Art. 8), township (乡镇/街道, Art. 34) or industry (行业性、专业性)"),
    regionCode: RegionCodeSchema,
    industry: Type.Optional(RequiredText({ maxLength: 50, description: "an industry committee's field, e.g. 医疗纠纷" })),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SaveCommitteeInput = Static<typeof SaveCommitteeSchema>;

export const CommitteeSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: literalUnion(COMMITTEE_KINDS),
  region: RegionRefSchema,
  industry: IdOrNull,
  isActive: Type.Boolean(),
  abilities: Type.Record(Type.String(), Type.Boolean()),
});
export type CommitteeView = Static<typeof CommitteeSchema>;

export const CommitteeListQuerySchema = Type.Object(
  { forRegion: Type.Optional(RegionCodeSchema), kind: Type.Optional(literalUnion(COMMITTEE_KINDS)) },
  { additionalProperties: false },
);

/* ---------- cases ---------- */

export const MediationCaseStatusSchema = literalUnion(MEDIATION_CASE_STATUSES, "mediation case status");

/** POST /api/mediation/cases: a mediation ticket becomes a case before the committee chosen. */
export const OpenMediationCaseSchema = Type.Object(
  {
    ticketId: Type.String({ format: "uuid" }),
    committeeId: Type.String({ format: "uuid", description: "the committee of the matter's village or township, or an industry committee above it" }),
  },
  { additionalProperties: false },
);
export type OpenMediationCaseInput = Static<typeof OpenMediationCaseSchema>;

const PartySchema = Type.Object({ name: RequiredText({ maxLength: 50 }), info: Type.String({ maxLength: 500, description: "basic information: sex, birth year, address, ID (Art. 29 (1))" }) }, { additionalProperties: false });

/** POST /api/mediation/cases/:id/actions: one step; each action names the fields it needs (400 naming the one missing). */
export const MediationCaseActionSchema = Type.Object(
  {
    action: literalUnion(MEDIATION_CASE_ACTION_TYPES),
    note: Type.Optional(RequiredText({ maxLength: 2000 })),
    ground: Type.Optional(literalUnion(DECLINE_GROUNDS, "why the committee does not take it (Art. 17)")),
    reason: Type.Optional(RequiredText({ maxLength: 2000 })),
    mediatorIds: Type.Optional(Type.Array(Type.String({ format: "uuid" }), { minItems: 1, maxItems: 5, uniqueItems: true })),
    isChosenByParties: Type.Optional(Type.Boolean({ description: "Art. 19 / Art. 23 (1): the parties chose the mediators" })),
    scheduledAt: Type.Optional(Type.String({ format: "date-time" })),
    place: Type.Optional(RequiredText({ maxLength: 200 })),
    invitees: Type.Optional(Type.String({ maxLength: 500, description: "others invited to take part (Art. 20)" })),
    isInviteeConsented: Type.Optional(Type.Boolean({ description: "the parties agreed to the invitees (Art. 20)" })),
    sessionNo: Type.Optional(Type.Integer({ minimum: 1 })),
    minutes: Type.Optional(RequiredText({ maxLength: 10000 })),
    participants: Type.Optional(Type.String({ maxLength: 500 })),
    heldAt: Type.Optional(Type.String({ format: "date-time" })),
    parties: Type.Optional(Type.Array(PartySchema, { maxItems: 20 })),
    facts: Type.Optional(RequiredText({ maxLength: 5000 })),
    disputedMatters: Type.Optional(RequiredText({ maxLength: 5000 })),
    responsibilities: Type.Optional(RequiredText({ maxLength: 5000 })),
    terms: Type.Optional(RequiredText({ maxLength: 5000 })),
    performanceManner: Type.Optional(RequiredText({ maxLength: 1000 })),
    performanceDeadline: Type.Optional(RequiredText({ maxLength: 200 })),
    signedAt: Type.Optional(Type.String({ format: "date-time" })),
    content: Type.Optional(RequiredText({ maxLength: 5000 })),
    agreedAt: Type.Optional(Type.String({ format: "date-time" })),
    guidance: Type.Optional(Type.Array(literalUnion(FAILURE_GUIDANCE), { maxItems: 4 })),
    party: Type.Optional(RequiredText({ maxLength: 50 })),
    performance: Type.Optional(literalUnion(PERFORMANCE_STATES)),
    outcome: Type.Optional(literalUnion(["applied", "declined"] as const, "the parties applied jointly to a court, or saw no need (Art. 33)")),
    court: Type.Optional(RequiredText({ maxLength: 100 })),
    appliedOn: Type.Optional(Type.String({ format: "date" })),
  },
  { additionalProperties: false },
);
export type MediationCaseActionInput = Static<typeof MediationCaseActionSchema>;

export const MediationCaseListQuerySchema = Type.Object(
  {
    status: Type.Optional(MediationCaseStatusSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    offset: Type.Optional(OffsetSchema),
  },
  { additionalProperties: false },
);
export type MediationCaseListQuery = Static<typeof MediationCaseListQuerySchema>;

export const MediationRuleViewSchema = Type.Object({
  key: Type.String(),
  lawTitle: Type.String(),
  articleNo: Type.String(),
  explanation: Type.String(),
  lawId: IdOrNull,
  anchor: IdOrNull,
});

const DeadlineViewSchema = Type.Object({
  step: literalUnion(MEDIATION_DEADLINE_STEPS),
  amount: Type.Integer(),
  unit: Type.Literal("hours"),
  startedAt: Type.String(),
  dueAt: Type.String(),
  state: literalUnion(["running", "met", "cancelled"] as const),
  rule: Type.String(),
});

const TimelineEntrySchema = Type.Object({ at: Type.String(), type: Type.String(), actorName: IdOrNull, data: Type.Record(Type.String(), Type.Unknown()) });

export const MediationCaseSchema = Type.Object({
  id: Type.String(),
  ticketId: Type.String(),
  ticket: Type.Object({ number: Type.String(), category: Type.String(), channel: Type.String(), applicantName: Type.String(), description: Type.String() }),
  status: MediationCaseStatusSchema,
  committee: Type.Object({ id: Type.String(), name: Type.String(), kind: literalUnion(COMMITTEE_KINDS) }),
  region: RegionRefSchema,
  /** The state machine's record: acceptance, mediators, sessions, agreement, failure, follow-ups, confirmation. */
  state: Type.Record(Type.String(), Type.Unknown()),
  deadlines: Type.Array(DeadlineViewSchema),
  nextDueAt: IdOrNull,
  /** Art. 4: always true — people's mediation charges nothing. */
  isFree: Type.Literal(true),
  timeline: Type.Optional(Type.Array(TimelineEntrySchema)),
  rules: Type.Optional(Type.Array(MediationRuleViewSchema)),
  abilities: Type.Record(Type.String(), Type.Boolean()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type MediationCaseView = Static<typeof MediationCaseSchema>;

export const MediatorSchema = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  region: RegionRefSchema,
  activeCases: Type.Integer(),
  membership: Type.Union([Type.Literal("region"), Type.Literal("appointed")], { description: "region: a mediator account of the committee's region (a village committee's: its township's); appointed: 聘任 by name (Art. 13)" }),
});

export const MediatorCandidateSchema = Type.Object({ id: Type.String(), displayName: Type.String(), region: RegionRefSchema });
export const CommitteeMemberSchema = Type.Object({ accountId: Type.String({ format: "uuid" }) }, { additionalProperties: false });
export type CommitteeMemberInput = Static<typeof CommitteeMemberSchema>;

/* ---------- referrals ---------- */

const ReferralPartnerFields = {
  partnerKind: literalUnion(PARTNER_KINDS, "court (诉调), police (公调), petition office (访调), procuratorate, arbitration, labour arbitration, other"),
  partnerName: RequiredText({ maxLength: 100 }),
  partnerReference: Type.Optional(RequiredText({ maxLength: 100, description: "the partner's own reference number (案号、接警号、信访件编号)" })),
  reason: RequiredText({ maxLength: 2000 }),
};

/** POST /api/mediation/referrals/incoming: a referral received becomes a ticket and a mediation case before the committee named. */
export const ReceiveReferralSchema = Type.Object(
  {
    ...ReferralPartnerFields,
    committeeId: Type.String({ format: "uuid" }),
    ticket: Type.Object(
      {
        category: CreateTicketSchema.properties.category,
        regionCode: RegionCodeSchema,
        applicant: CreateTicketSchema.properties.applicant,
        counterparty: CreateTicketSchema.properties.counterparty,
        description: RequiredText({ maxLength: 5000 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ReceiveReferralInput = Static<typeof ReceiveReferralSchema>;

/** POST /api/mediation/cases/:id/referrals: a failed or ended mediation sent on (Art. 26). */
export const ReferOutSchema = Type.Object(ReferralPartnerFields, { additionalProperties: false });
export type ReferOutInput = Static<typeof ReferOutSchema>;

export const ReferralStatusUpdateSchema = Type.Object(
  {
    status: literalUnion(REFERRAL_STATUSES),
    note: Type.Optional(RequiredText({ maxLength: 2000 })),
    partnerReference: Type.Optional(RequiredText({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type ReferralStatusUpdateInput = Static<typeof ReferralStatusUpdateSchema>;

export const ReferralSchema = Type.Object({
  id: Type.String(),
  direction: literalUnion(REFERRAL_DIRECTIONS),
  partnerKind: literalUnion(PARTNER_KINDS),
  partnerName: Type.String(),
  partnerReference: IdOrNull,
  reason: Type.String(),
  status: literalUnion(REFERRAL_STATUSES),
  receiptNumber: IdOrNull,
  receiptAt: IdOrNull,
  case: Type.Object({ id: Type.String(), ticketId: Type.String(), number: Type.String(), status: Type.String() }),
  region: RegionRefSchema,
  history: Type.Array(Type.Object({ status: Type.String(), at: Type.String(), by: IdOrNull, byName: IdOrNull, note: IdOrNull })),
  nextStatuses: Type.Array(literalUnion(REFERRAL_STATUSES)),
  abilities: Type.Record(Type.String(), Type.Boolean()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type ReferralView = Static<typeof ReferralSchema>;

export const ReferralListQuerySchema = Type.Object(
  {
    direction: Type.Optional(literalUnion(REFERRAL_DIRECTIONS)),
    status: Type.Optional(literalUnion(REFERRAL_STATUSES)),
    caseId: Type.Optional(Type.String({ format: "uuid" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    offset: Type.Optional(OffsetSchema),
  },
  { additionalProperties: false },
);
export type ReferralListQuery = Static<typeof ReferralListQuerySchema>;

/* ---------- screenings ---------- */

export const ScreeningItemSchema = Type.Object(
  {
    category: literalUnion(DISPUTE_CATEGORIES, "dispute category"),
    partiesCount: Type.Integer({ minimum: 2, maximum: 10000 }),
    riskLevel: literalUnion(RISK_LEVELS),
    summary: RequiredText({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);

/** POST /api/mediation/screenings: a village's or township's report for a period. */
export const ReportScreeningSchema = Type.Object(
  {
    regionCode: RegionCodeSchema,
    period: Type.Optional(Type.String({ maxLength: 7, description: "2026-11 (monthly) or 2026-Q4 (quarterly); defaults to the current period" })),
    isNothingFound: Type.Boolean({ description: "排查未发现矛盾纠纷" }),
    items: Type.Optional(Type.Array(ScreeningItemSchema, { maxItems: 200 })),
  },
  { additionalProperties: false },
);
export type ReportScreeningInput = Static<typeof ReportScreeningSchema>;

export const ScreeningSchema = Type.Object({
  id: Type.String(),
  region: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
  period: Type.String(),
  isNothingFound: Type.Boolean(),
  items: Type.Array(ScreeningItemSchema),
  disputeCount: Type.Integer(),
  highRiskCount: Type.Integer(),
  reportedAt: Type.String(),
  reportedBy: IdOrNull,
});
export type ScreeningView = Static<typeof ScreeningSchema>;

export const ScreeningListQuerySchema = Type.Object(
  {
    period: Type.Optional(Type.String({ maxLength: 7 })),
    regionCode: Type.Optional(RegionCodeSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(OffsetSchema),
  },
  { additionalProperties: false },
);
export type ScreeningListQuery = Static<typeof ScreeningListQuerySchema>;

export const ScreeningStatusSchema = Type.Object({
  region: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
  periodKind: literalUnion(SCREENING_PERIOD_KINDS),
  period: Type.String(),
  dueAt: Type.String(),
  report: Type.Union([Type.Object({ id: Type.String(), reportedAt: Type.String(), disputeCount: Type.Integer(), highRiskCount: Type.Integer(), isNothingFound: Type.Boolean() }), Type.Null()]),
  isOverdue: Type.Boolean(),
});
export type ScreeningStatusView = Static<typeof ScreeningStatusSchema>;

export const ScreeningOverviewQuerySchema = Type.Object(
  { regionCode: Type.Optional(RegionCodeSchema), isOverdueOnly: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const SaveScheduleSchema = Type.Object(
  {
    regionCode: RegionCodeSchema,
    periodKind: literalUnion(SCREENING_PERIOD_KINDS),
    dueDay: Type.Integer({ minimum: 1, maximum: 28, description: "the day of the period's (last) month the report is due" }),
  },
  { additionalProperties: false },
);
export type SaveScheduleInput = Static<typeof SaveScheduleSchema>;
