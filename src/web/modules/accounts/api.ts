import { api, type Page } from '../../app/api';
import type { RegionRef, Role } from '../auth/api';

export type Account = {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  region: RegionRef;
  isDisabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
  abilities: { update: boolean; disable: boolean; resetPassword: boolean };
};

export type AccountInput = {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  regionCode: string;
};

export type AccountPatch = Partial<{ displayName: string; roles: Role[]; regionCode: string; isDisabled: boolean }>;

export const listAccounts = (query: { limit?: number; offset?: number; q?: string }) =>
  api.get<Page<Account>>('/accounts', query);
export const createAccount = (input: AccountInput) => api.post<Account>('/accounts', input);
export const updateAccount = (id: string, patch: AccountPatch) =>
  api.patch<Account>(`/accounts/${encodeURIComponent(id)}`, patch);
export const resetPassword = (id: string, password: string) =>
  api.post<void>(`/accounts/${encodeURIComponent(id)}/reset-password`, { password });

/**
 * The server's password rule, mirrored for instant feedback: at least 8 characters, at least
 * two of letters / digits / symbols, and not containing the username.
 */
export function passwordProblem(password: string, username: string): 'length' | 'classes' | 'username' | undefined {
  if (password.length < 8) return 'length';
  const classes = [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  if (classes < 2) return 'classes';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'username';
  return undefined;
}
