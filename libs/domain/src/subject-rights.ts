import { isCalendarDate } from './catalogue';
import { InvalidRequest } from './errors';

/**
 * Data subjects' rights and early deletion: pure rules, no I/O. What a person may ask, by
 * when it must be decided, what a decision does to data in each retention state, and when
 * every participant has agreed to delete early.
 */
export type SubjectRequestKind = 'rectification' | 'erasure' | 'objection';

export const SUBJECT_REQUEST_KINDS: readonly SubjectRequestKind[] = ['rectification', 'erasure', 'objection'];

/** GDPR art. 12(3): one month from receipt; the rules of the network say 30 days. */
export const SUBJECT_REQUEST_DAYS = 30;
/** How long before its deadline an open request appears on the urgent list. */
export const SUBJECT_REQUEST_WARNING_DAYS = 7;

const DAY_MS = 86_400_000;

export function subjectRequestDueBy(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + SUBJECT_REQUEST_DAYS * DAY_MS);
}

export type SubjectRequestReminder = 'deadline-approaching' | 'deadline-passed';

/** Why an undecided request is on the urgent list, if it is. */
export function subjectRequestReminder(request: { state: string; dueBy: Date }, now: Date): SubjectRequestReminder | null {
  if (request.state !== 'open') return null;
  if (now.getTime() > request.dueBy.getTime()) return 'deadline-passed';
  if (now.getTime() >= request.dueBy.getTime() - SUBJECT_REQUEST_WARNING_DAYS * DAY_MS) return 'deadline-approaching';
  return null;
}

/** The fields of the person that exchanges carry and a rectification may correct. */
export interface SubjectCorrections {
  familyName?: string;
  givenNames?: string;
  dateOfBirth?: string | null;
  registerNumber?: string | null;
}

const CORRECTABLE = ['familyName', 'givenNames', 'dateOfBirth', 'registerNumber'] as const;

/** Checks a rectification: known fields only, at least one, each of the right form. */
export function checkCorrections(raw: unknown): SubjectCorrections {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InvalidRequest('a rectification needs corrections');
  const fields = Object.keys(raw);
  const unknown = fields.find((f) => !(CORRECTABLE as readonly string[]).includes(f));
  if (unknown) throw new InvalidRequest(`${unknown} is not a field of the person that can be rectified`);
  if (fields.length === 0) throw new InvalidRequest('a rectification needs at least one corrected field');
  const r = raw as Record<string, unknown>;
  const corrections: SubjectCorrections = {};
  for (const field of ['familyName', 'givenNames'] as const) {
    if (!(field in r)) continue;
    const value = r[field];
    if (typeof value !== 'string' || !value.trim() || value.length > 200) throw new InvalidRequest(`${field} must be a name of 1 to 200 characters`);
    corrections[field] = value;
  }
  if ('dateOfBirth' in r) {
    const value = r.dateOfBirth;
    if (value !== null && (typeof value !== 'string' || !isCalendarDate(value))) throw new InvalidRequest('dateOfBirth must be a date (YYYY-MM-DD) or null');
    corrections.dateOfBirth = value as string | null;
  }
  if ('registerNumber' in r) {
    const value = r.registerNumber;
    if (value !== null && (typeof value !== 'string' || !value.trim() || value.length > 100)) throw new InvalidRequest('registerNumber must be 1 to 100 characters or null');
    corrections.registerNumber = value as string | null;
  }
  return corrections;
}

export type PersonalDataState = 'available' | 'blocked' | 'deleted' | 'not-held';

/**
 * What a granted rectification or erasure does to one copy of the data. Blocked data is
 * never changed: the contest is recorded beside it instead, with the corrected information.
 */
export type RightsOutcome = 'applied' | 'contested' | 'nothing-held';

export function rightsOutcome(state: PersonalDataState): RightsOutcome {
  switch (state) {
    case 'available':
      return 'applied';
    case 'blocked':
      return 'contested';
    case 'deleted':
    case 'not-held':
      return 'nothing-held';
  }
}

// ---------------------------------------------------------------------------------------------
// Early deletion: every participant must agree; one refusal and nothing is deleted anywhere.

export type EarlyDeletionState = 'proposed' | 'refused' | 'executed';

export interface EarlyDeletionAnswer {
  node: string;
  agree: boolean;
}

/** The proposer's view once answers come in: still waiting, refused by someone, or agreed by all. */
export function earlyDeletionOutcome(participants: readonly string[], answers: readonly EarlyDeletionAnswer[]): 'waiting' | 'refused' | 'agreed' {
  if (answers.some((a) => !a.agree)) return 'refused';
  const agreed = new Set(answers.filter((a) => a.agree).map((a) => a.node));
  return participants.every((p) => agreed.has(p)) ? 'agreed' : 'waiting';
}

/** Only a closed exchange whose data still exists can be deleted early. */
export function checkEarlyDeletion(exchange: { closed: boolean; personalData: PersonalDataState }, reason: unknown): string {
  if (!exchange.closed) throw new InvalidRequest('only a closed exchange can have its personal data deleted early');
  if (exchange.personalData === 'deleted') throw new InvalidRequest('the personal data of this exchange is already deleted');
  if (typeof reason !== 'string' || !reason.trim()) throw new InvalidRequest('an early deletion needs a reason');
  return reason.trim();
}

/** A refusal must say why: the proposer and the audit need it. */
export function checkEarlyDeletionAnswer(agree: unknown, reason: unknown): { agree: boolean; reason: string | null } {
  if (typeof agree !== 'boolean') throw new InvalidRequest('agree must be true or false');
  const text = typeof reason === 'string' && reason.trim() ? reason.trim() : null;
  if (!agree && !text) throw new InvalidRequest('a refusal needs a reason');
  return { agree, reason: text };
}
