import { registerAuditSubject } from "../audit/audit-subjects.ts";
import { DOCUMENT_KINDS, isDocumentKind, KIND_SPECS } from "./document-kinds.ts";

/** A document template in the audit log is its document's name (法律援助申请表); its id is the kind. */
export function registerDocumentAuditNames(): void {
  registerAuditSubject("document_template", {
    async name(_tx, ids) {
      return new Map(ids.filter(isDocumentKind).map((kind) => [kind, { label: KIND_SPECS[kind].name, secondary: kind }]));
    },
    async find(_tx, text) {
      const typed = text.trim();
      return DOCUMENT_KINDS.filter((kind) => kind === typed || (typed !== "" && KIND_SPECS[kind].name.includes(typed)));
    },
  });
}
