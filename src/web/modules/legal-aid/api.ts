import { api } from '../../app/api';
import type { ExtraMatter } from '../../portal/legal-aid/api';

export type { ExtraMatter };

export type LegalAidStandard = {
  id: string;
  provinceCode: string;
  provinceName: string;
  effectiveFrom: string;
  incomeLinePerMember: number;
  extraMatters: ExtraMatter[];
  basis: string;
  createdAt: string;
  isInForce: boolean;
};

export type StandardList = { province: { code: string; name: string }; items: LegalAidStandard[]; abilities: { add: boolean } };

export type StandardInput = { provinceCode: string; effectiveFrom: string; incomeLinePerMember: number; extraMatters: ExtraMatter[]; basis: string };

/** The hardship standards of the actor's province (or the one named), newest first. */
export const listStandards = (provinceCode?: string) => api.get<StandardList>('/legal-aid/standards', provinceCode ? { provinceCode } : undefined);

export const addStandard = (input: StandardInput) => api.post<StandardList>('/legal-aid/standards', input);
