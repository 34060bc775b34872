/**
 * Every module's policy, in one place to audit. Routes authorize through these;
 * list queries filter with the same scope rule (actor.ts: isWithinScope / scopeCondition).
 */
import { hasRole, isStaff, type Actor } from "./actor.ts";
import { maySearchBy } from "../modules/tickets/tickets.policy.ts";
import { canWriteArticles } from "../modules/content/content.policy.ts";
import { SLOT_READER_ROLES } from "../modules/appointments/appointments.policy.ts";
import { canWriteKnowledge, wordingPolicy } from "../modules/knowledge/knowledge.policy.ts";
import { STANDARD_WRITER_ROLES } from "../modules/legal-aid/legal-aid.policy.ts";
import { documentTemplatePolicy } from "../modules/documents/documents.policy.ts";

export { regionPolicy, regionScope } from "../modules/regions/regions.policy.ts";
export { venuePolicy, venueScope } from "../modules/venues/venues.policy.ts";
export { accountPolicy, accountScope } from "../modules/accounts/accounts.policy.ts";
export { auditPolicy, auditScope } from "../modules/audit/audit.policy.ts";
export { upstreamClientPolicy, upstreamClientScope } from "../modules/upstream/upstream.policy.ts";
export { followUpPolicy, SUPERVISION_LEDGER_ROLES } from "../modules/oversight/oversight.policy.ts";
export { settingsPolicy } from "../modules/services/services.policy.ts";
export { calendarPolicy } from "../modules/calendar/calendar.policy.ts";
export { ticketPolicy, ticketScope, canCreateTicketIn } from "../modules/tickets/tickets.policy.ts";
export { auditTrailPolicy, isDeploymentWide } from "../modules/checkpoints/checkpoints.policy.ts";
export { canReadOutbox, notificationScope } from "../modules/notifications/notifications.policy.ts";
export { appointmentSlotPolicy, appointmentSlotScope, bookingOwnerPolicy } from "../modules/appointments/appointments.policy.ts";
export { citizenPolicy } from "../modules/citizens/citizens.policy.ts";
export { articlePolicy, articleScope, canWriteArticles, ARTICLE_WRITER_ROLES } from "../modules/content/content.policy.ts";
export { knowledgeEntryPolicy, knowledgeEntryScope, canWriteKnowledge, wordingPolicy, KNOWLEDGE_AUTHOR_ROLES, KNOWLEDGE_PUBLISHER_ROLES } from "../modules/knowledge/knowledge.policy.ts";
export { legalAidStandardPolicy, STANDARD_WRITER_ROLES } from "../modules/legal-aid/legal-aid.policy.ts";
export { documentPolicy, documentTemplatePolicy } from "../modules/documents/documents.policy.ts";
export { staffProfilePolicy, providerPolicy, providerScope, canCreateProviderIn } from "../modules/directory/directory.policy.ts";
export { aidCasePolicy, aidCaseScope } from "../modules/legal-aid/aid-cases.policy.ts";
export { mediationCasePolicy, mediationCaseScope, committeePolicy, referralPolicy, referralScope, screeningPolicy, screeningScope } from "../modules/mediation/mediation.policy.ts";
export { aidLawyerPolicy, aidLawyerScope } from "../modules/legal-aid/aid-lawyers.policy.ts";
export { defenceNoticePolicy, defenceNoticeScope, dutyShiftPolicy, dutyShiftScope } from "../modules/legal-aid/defence-notices.policy.ts";
export { hotlineSourcePolicy, hotlineSourceScope, seatPolicy, seatScope, canHoldSeat } from "../modules/hotline/hotline.policy.ts";
export { deskCallPolicy } from "../modules/hotline/hotline.policy.ts";

/** Platform-wide abilities of an actor, sent with `GET /api/auth/me` for the UI's navigation. */
export function actorAbilities(actor: Actor) {
  return {
    manageAccounts: hasRole(actor, "admin"),
    manageRegions: hasRole(actor, "admin"),
    createVenue: hasRole(actor, "admin"),
    readAudit: hasRole(actor, "admin", "leader", "supervisor"),
    // The intake's "earlier tickets of this person" and the list's search look up only what the account may.
    searchByPhone: isStaff(actor) && maySearchBy(actor, "phone"),
    searchByIdNumber: isStaff(actor) && maySearchBy(actor, "idNumber"),
    // 普法与公告: admins and leaders write and publish (content/content.policy.ts).
    writeArticles: isStaff(actor) && canWriteArticles(actor),
    // 常见问题与以案释法: admins, leaders, lawyers and advisors write drafts; admins and leaders publish (knowledge/knowledge.policy.ts).
    writeKnowledge: isStaff(actor) && canWriteKnowledge(actor),
    // 口语对照表: one table for the whole deployment, changed by an admin at a root node.
    manageWordings: isStaff(actor) && wordingPolicy.can(actor, "manage", null),
    // 文书模板: one set for the deployment, changed by an admin at a root node (documents/documents.policy.ts).
    manageDocumentTemplates: isStaff(actor) && documentTemplatePolicy.can(actor, "manage", null),
    isStaff: isStaff(actor),
    // 预约: the slots and the day's bookings of their venues (window staff, admins, leaders).
    readAppointments: hasRole(actor, ...SLOT_READER_ROLES),
    // 法律援助经济困难标准: admins and leaders; only those of a whole province add one (legal-aid/legal-aid.policy.ts).
    manageLegalAidStandards: hasRole(actor, ...STANDARD_WRITER_ROLES),
  };
}
