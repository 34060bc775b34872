import { request } from '../../app/api';
// The matters, groups and injury kinds come from the server's engine (pure), so the form offers exactly what it decides on.
import {
  APPLICANT_GROUPS,
  COVERED_MATTERS,
  CRIMINAL_MATTERS,
  INJURY_KINDS,
  NO_HARDSHIP_MATTERS,
  type ApplicantGroup,
  type InjuryKind,
} from '../../../server/modules/legal-aid/eligibility-rules.ts';

export { APPLICANT_GROUPS, COVERED_MATTERS, CRIMINAL_MATTERS, INJURY_KINDS, NO_HARDSHIP_MATTERS };
export type { ApplicantGroup, InjuryKind };

export type EligibilityQuestion = {
  matter: string;
  regionCode: string;
  injuryKind?: InjuryKind;
  applicant?: { groups?: ApplicantGroup[]; householdSize?: number; householdMonthlyIncome?: number };
};

export type EligibilityRule = { lawTitle: string; articleNo: string; explanation: string; lawId: string | null; anchor: string };

export type StandardSummary = { provinceCode: string; provinceName: string; effectiveFrom: string; incomeLinePerMember: number; basis: string };

export type EligibilityAnswer = {
  outcome: 'eligible' | 'not_eligible' | 'needs_review';
  hardshipCheck: 'required' | 'waived' | 'not_applicable';
  hardshipEvidence: 'none' | 'group_proof' | 'self_declaration';
  evidenceNote: string;
  rules: EligibilityRule[];
  related: EligibilityRule[];
  incomePerMember: number | null;
  standard: StandardSummary | null;
  asOf: string;
};

export type ExtraMatter = { key: string; label: string; isHardshipRequired: boolean };
export type PublicStandard = { standard: StandardSummary | null; extraMatters: ExtraMatter[]; asOf: string };

// Public calls: a 401 never sends anyone to a login page.
const open = { isAuthProbe: true } as const;

export const checkEligibility = (question: EligibilityQuestion) => request<EligibilityAnswer>('POST', '/legal-aid/eligibility', { ...open, body: question });

export const fetchPublicStandard = (regionCode: string) => request<PublicStandard>('GET', '/legal-aid/standard', { ...open, query: { regionCode } });

/** Where the portal's law reader shows a rule: the article's anchor in the imported law, or a search for it. */
export const ruleHref = (rule: EligibilityRule, lawBase = '/laws') =>
  rule.lawId ? `${lawBase}/${rule.lawId}#${encodeURIComponent(rule.anchor)}` : `${lawBase}?q=${encodeURIComponent(`法律援助法 ${rule.articleNo}`)}`;
