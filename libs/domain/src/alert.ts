import { InvalidRequest } from './errors';
import { isCalendarDate } from './catalogue';

/**
 * One-to-many exchanges: notifications and alerts. Pure rules, no I/O: who receives one,
 * what an alert must say, how it changes, and when its sender is reminded.
 */
export type OneToManyKind = 'notification' | 'services-alert' | 'professional-qualifications-alert';

export const ONE_TO_MANY_KINDS: readonly OneToManyKind[] = ['notification', 'services-alert', 'professional-qualifications-alert'];

/** The legislative area each alert kind belongs to; a notification names its own. */
export const ALERT_AREA: Readonly<Partial<Record<OneToManyKind, string>>> = {
  'services-alert': 'services',
  'professional-qualifications-alert': 'professional-qualifications',
};

/** The Commission takes part as a node like any other, under this code. */
export const COMMISSION_NODE = 'EC';

export interface DirectoryAuthority {
  id: string;
  node: string;
  legislativeAreas: string[];
  /** Areas for which this authority receives its member state's alerts and notifications first. */
  coordinates?: string[];
  status: string;
}

export interface RecipientChoice {
  /** Competent authorities of other member states. */
  authorityIds?: string[];
  /** Whole member states: delivered to their coordinator for the area. */
  memberStates?: string[];
  /** Every other member state that has a coordinator for the area. */
  allMemberStates?: boolean;
  /** The Commission, only where the area's Union act makes it a party. */
  commission?: boolean;
}

export interface Addressee {
  authorityId: string;
  node: string;
}

/**
 * The authorities one exchange goes to. Every recipient is active, registered for the area and
 * outside the sender's member state; a member state without a coordinator for the area, an
 * unknown authority, or the Commission where it is not a party is refused, as is an empty list.
 */
export function resolveRecipients(
  choice: RecipientChoice,
  context: { area: string; senderNode: string; commissionIsParty: boolean; directory: readonly DirectoryAuthority[] },
): Addressee[] {
  const { area, senderNode, directory } = context;
  const byId = new Map(directory.map((a) => [a.id, a]));
  const chosen = new Map<string, Addressee>();
  const add = (a: DirectoryAuthority) => chosen.set(a.id, { authorityId: a.id, node: a.node });
  const fits = (a: DirectoryAuthority) => a.status === 'active' && a.legislativeAreas.includes(area);

  for (const id of choice.authorityIds ?? []) {
    const authority = byId.get(id);
    if (!authority || !fits(authority)) throw new InvalidRequest(`${id} is not an active authority registered for ${area}`);
    if (authority.node === senderNode) throw new InvalidRequest(`${id} is in the sender's own member state`);
    if (authority.node === COMMISSION_NODE && !context.commissionIsParty) throw new InvalidRequest(`the Commission is not a party in ${area}`);
    add(authority);
  }
  const everyState = choice.allMemberStates
    ? [...new Set(directory.filter((a) => a.node !== senderNode && a.node !== COMMISSION_NODE && fits(a) && (a.coordinates ?? []).includes(area)).map((a) => a.node))]
    : [];
  for (const state of [...(choice.memberStates ?? []), ...everyState]) {
    if (state === senderNode) throw new InvalidRequest(`${state} is the sender's own member state`);
    const coordinator = directory.find((a) => a.node === state && fits(a) && (a.coordinates ?? []).includes(area));
    if (!coordinator) throw new InvalidRequest(`${state} has no coordinator for ${area}`);
    add(coordinator);
  }
  if (choice.commission) {
    if (!context.commissionIsParty) throw new InvalidRequest(`the Commission is not a party in ${area}`);
    const commission = directory.find((a) => a.node === COMMISSION_NODE && fits(a));
    if (!commission) throw new InvalidRequest(`no Commission service is registered for ${area}`);
    add(commission);
  }
  if (chosen.size === 0) throw new InvalidRequest('an alert or notification needs at least one recipient');
  return [...chosen.values()];
}

/** Alert content by kind: the fields each Union act requires, nothing beyond what is listed. */
export interface ProfessionalQualificationsAlertContent {
  person: { familyName: string; givenNames: string; dateOfBirth?: string | null; placeOfBirth?: string | null };
  profession: string;
  decidingAuthority: string;
  /** `restriction`: practice limited; `prohibition`: practice barred. */
  scope: 'restriction' | 'prohibition';
  scopeDetail?: string | null;
  periodFrom: string;
  periodUntil?: string | null;
  decisionDate: string;
}

export interface ServicesAlertContent {
  providerName: string;
  activity: string;
  danger: string;
  measuresTaken?: string | null;
}

export interface NotificationContent {
  subject: string;
  text: string;
}

const text = (value: unknown, field: string, max = 2000): string => {
  if (typeof value !== 'string' || !value.trim()) throw new InvalidRequest(`${field} is required`);
  if (value.length > max) throw new InvalidRequest(`${field} is limited to ${max} characters`);
  return value;
};
const optionalText = (value: unknown, field: string, max = 2000): string | null => (value === undefined || value === null ? null : text(value, field, max));
const date = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || !isCalendarDate(value)) throw new InvalidRequest(`${field} must be a date (YYYY-MM-DD)`);
  return value;
};
const optionalDate = (value: unknown, field: string): string | null => (value === undefined || value === null ? null : date(value, field));
const object = (value: unknown, field: string): Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidRequest(`${field} is required`);
  return value as Record<string, unknown>;
};

/** Checks and normalises an alert's or notification's content; unknown fields are dropped (minimisation). */
export function checkContent(kind: OneToManyKind, raw: unknown): Record<string, unknown> {
  const c = object(raw, 'content');
  switch (kind) {
    case 'professional-qualifications-alert': {
      const person = object(c.person, 'content.person');
      const scope = c.scope;
      if (scope !== 'restriction' && scope !== 'prohibition') throw new InvalidRequest('content.scope must be restriction or prohibition');
      const content: ProfessionalQualificationsAlertContent = {
        person: {
          familyName: text(person.familyName, 'content.person.familyName', 200),
          givenNames: text(person.givenNames, 'content.person.givenNames', 200),
          dateOfBirth: optionalDate(person.dateOfBirth, 'content.person.dateOfBirth'),
          placeOfBirth: optionalText(person.placeOfBirth, 'content.person.placeOfBirth', 200),
        },
        profession: text(c.profession, 'content.profession', 200),
        decidingAuthority: text(c.decidingAuthority, 'content.decidingAuthority', 300),
        scope,
        scopeDetail: optionalText(c.scopeDetail, 'content.scopeDetail'),
        periodFrom: date(c.periodFrom, 'content.periodFrom'),
        periodUntil: optionalDate(c.periodUntil, 'content.periodUntil'),
        decisionDate: date(c.decisionDate, 'content.decisionDate'),
      };
      if (content.periodUntil && content.periodUntil < content.periodFrom) throw new InvalidRequest('content.periodUntil is before content.periodFrom');
      return content as unknown as Record<string, unknown>;
    }
    case 'services-alert':
      return {
        providerName: text(c.providerName, 'content.providerName', 300),
        activity: text(c.activity, 'content.activity', 500),
        danger: text(c.danger, 'content.danger'),
        measuresTaken: optionalText(c.measuresTaken, 'content.measuresTaken'),
      } satisfies ServicesAlertContent as unknown as Record<string, unknown>;
    case 'notification':
      return { subject: text(c.subject, 'content.subject', 300), text: text(c.text, 'content.text', 10_000) } satisfies NotificationContent as unknown as Record<string, unknown>;
  }
}

// ---------------------------------------------------------------------------------------------
// Life of an alert: open (with versions), then withdrawn or closed.

export type AlertState = 'open' | 'withdrawn' | 'closed';

export type AlertChange = { type: 'rectify' } | { type: 'withdraw'; reason: string } | { type: 'close' };

/** Refuses a change an alert in `state` cannot take; every change needs an open alert. */
export function checkAlertChange(state: AlertState, change: AlertChange): AlertState {
  if (state !== 'open') throw new InvalidRequest(`cannot ${change.type} an alert that is ${state}`);
  switch (change.type) {
    case 'rectify':
      return 'open';
    case 'withdraw':
      if (!change.reason?.trim()) throw new InvalidRequest('a withdrawal needs a reason');
      return 'withdrawn';
    case 'close':
      return 'closed';
  }
}

const DAY_MS = 86_400_000;
/** Professional Qualifications Directive, art. 56a: alert within 3 days of the decision, update within 3 days of a later one. */
export const PQ_ALERT_DAYS = 3;

export type AlertReminder = 'sent-more-than-3-days-after-decision' | 'later-decision-not-reflected';

/** Why the sender of a professional-qualifications alert is reminded, if it is. */
export function alertReminders(
  alert: { kind: OneToManyKind; state: AlertState; decisionDate: string | null; sentAt: Date; laterDecisionDate: string | null; lastChangedAt: Date },
  now: Date,
): AlertReminder[] {
  if (alert.kind !== 'professional-qualifications-alert') return [];
  const reminders: AlertReminder[] = [];
  const deadline = (day: string) => Date.parse(`${day}T00:00:00Z`) + (PQ_ALERT_DAYS + 1) * DAY_MS;
  if (alert.decisionDate && alert.sentAt.getTime() >= deadline(alert.decisionDate)) reminders.push('sent-more-than-3-days-after-decision');
  if (
    alert.state === 'open' &&
    alert.laterDecisionDate &&
    alert.lastChangedAt.getTime() < Date.parse(`${alert.laterDecisionDate}T00:00:00Z`) &&
    now.getTime() >= deadline(alert.laterDecisionDate)
  ) {
    reminders.push('later-decision-not-reflected');
  }
  return reminders;
}
