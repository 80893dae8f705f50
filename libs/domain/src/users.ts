import { InvalidRequest } from './errors';
import { addMonths } from './retention';

/**
 * Users of a node's authorities: roles, password policy, lock-out, and what happens to their
 * own personal data when they stop being users. Pure rules, no I/O.
 */
export type Role = 'case-handler' | 'allocator' | 'authority-administrator' | 'coordinator' | 'observer' | 'data-protection-contact';

export const ROLES: readonly Role[] = ['case-handler', 'allocator', 'authority-administrator', 'coordinator', 'observer', 'data-protection-contact'];

export function checkRoles(raw: unknown): Role[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new InvalidRequest('a user needs at least one role');
  const unknown = raw.find((r) => !ROLES.includes(r as Role));
  if (unknown !== undefined) throw new InvalidRequest(`unknown role ${String(unknown)}; roles are ${ROLES.join(', ')}`);
  return [...new Set(raw as Role[])];
}

export const MIN_PASSWORD_LENGTH = 12;

/** Long enough, not made of the user's own name or address, not one character repeated. */
export function checkPassword(password: unknown, user: { email: string; displayName: string }): string {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) throw new InvalidRequest(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > 256) throw new InvalidRequest('the password is limited to 256 characters');
  const lower = password.toLowerCase();
  const own = [user.email.split('@')[0], ...user.displayName.split(/\s+/)].map((p) => p.toLowerCase()).filter((p) => p.length >= 4);
  if (own.some((part) => lower.includes(part))) throw new InvalidRequest('the password must not contain the user\'s name or address');
  if (new Set(password).size < 5) throw new InvalidRequest('the password needs at least 5 different characters');
  return password;
}

/** Consecutive failed sign-ins before the account is locked, and for how long. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;

export function lockedUntil(failures: number, now: Date): Date | null {
  return failures >= MAX_FAILED_SIGN_INS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
}

/** Users' own data: kept while they are users, blocked from deactivation, deleted 3 years after it. */
export const USER_DATA_DELETE_AFTER_MONTHS = 36;

export function userDataStep(user: { deactivatedAt: Date | null; deletedAt: Date | null }, now: Date): 'keep' | 'delete' {
  if (!user.deactivatedAt || user.deletedAt) return 'keep';
  return now.getTime() >= addMonths(user.deactivatedAt, USER_DATA_DELETE_AFTER_MONTHS).getTime() ? 'delete' : 'keep';
}
