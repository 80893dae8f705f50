import type { AlertKind } from './api';

/**
 * An alert's or notification's content as a form holds it (every field a string), checked by the
 * same rules as the server's `checkContent` (libs/domain/src/alert.ts), so the form refuses in
 * the user's language what the node would refuse; the node still decides.
 */
export type ContentField =
  | 'familyName' | 'givenNames' | 'dateOfBirth' | 'placeOfBirth' | 'profession' | 'decidingAuthority' | 'scope' | 'scopeDetail'
  | 'periodFrom' | 'periodUntil' | 'decisionDate'
  | 'providerName' | 'activity' | 'danger' | 'measuresTaken'
  | 'subject' | 'text';

export interface FieldRule {
  name: ContentField;
  input: 'text' | 'textarea' | 'date' | 'scope';
  required: boolean;
  max?: number;
}

export const CONTENT_FIELDS: Record<AlertKind, FieldRule[]> = {
  'professional-qualifications-alert': [
    { name: 'familyName', input: 'text', required: true, max: 200 },
    { name: 'givenNames', input: 'text', required: true, max: 200 },
    { name: 'dateOfBirth', input: 'date', required: false },
    { name: 'placeOfBirth', input: 'text', required: false, max: 200 },
    { name: 'profession', input: 'text', required: true, max: 200 },
    { name: 'decidingAuthority', input: 'text', required: true, max: 300 },
    { name: 'scope', input: 'scope', required: true },
    { name: 'scopeDetail', input: 'textarea', required: false, max: 2000 },
    { name: 'periodFrom', input: 'date', required: true },
    { name: 'periodUntil', input: 'date', required: false },
    { name: 'decisionDate', input: 'date', required: true },
  ],
  'services-alert': [
    { name: 'providerName', input: 'text', required: true, max: 300 },
    { name: 'activity', input: 'text', required: true, max: 500 },
    { name: 'danger', input: 'textarea', required: true, max: 2000 },
    { name: 'measuresTaken', input: 'textarea', required: false, max: 2000 },
  ],
  notification: [
    { name: 'subject', input: 'text', required: true, max: 300 },
    { name: 'text', input: 'textarea', required: true, max: 10_000 },
  ],
};

export type ContentValues = Partial<Record<ContentField, string>>;
export type ContentError = { code: 'required' } | { code: 'too-long'; max: number } | { code: 'date' } | { code: 'scope' } | { code: 'period-order' };

const PERSON: ContentField[] = ['familyName', 'givenNames', 'dateOfBirth', 'placeOfBirth'];

/** A real calendar day written YYYY-MM-DD (what a native date input gives). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/** Each field's first fault, by field; empty when the server's rules are met. */
export function checkValues(kind: AlertKind, values: ContentValues): Partial<Record<ContentField, ContentError>> {
  const errors: Partial<Record<ContentField, ContentError>> = {};
  for (const rule of CONTENT_FIELDS[kind]) {
    const value = values[rule.name] ?? '';
    if (!value.trim()) {
      if (rule.required) errors[rule.name] = { code: 'required' };
      continue;
    }
    if (rule.input === 'date' && !isCalendarDate(value)) errors[rule.name] = { code: 'date' };
    else if (rule.input === 'scope' && value !== 'restriction' && value !== 'prohibition') errors[rule.name] = { code: 'scope' };
    else if (rule.max && value.length > rule.max) errors[rule.name] = { code: 'too-long', max: rule.max };
  }
  const { periodFrom, periodUntil } = values;
  if (kind === 'professional-qualifications-alert' && !errors.periodFrom && !errors.periodUntil && periodFrom && periodUntil && periodUntil < periodFrom) {
    errors.periodUntil = { code: 'period-order' };
  }
  return errors;
}

/** The content as the API takes it: optional fields left empty are null, the person nested. */
export function toContent(kind: AlertKind, values: ContentValues): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  const person: Record<string, unknown> = {};
  for (const rule of CONTENT_FIELDS[kind]) {
    const raw = values[rule.name]?.trim() ?? '';
    const value = raw === '' ? null : rule.input === 'textarea' ? (values[rule.name] ?? '') : raw;
    (PERSON.includes(rule.name) ? person : content)[rule.name] = value;
  }
  if (kind === 'professional-qualifications-alert') content.person = person;
  return content;
}

/** The form's values from a version's content (to rectify it). */
export function fromContent(kind: AlertKind, content: Record<string, unknown>): ContentValues {
  const person = (content.person ?? {}) as Record<string, unknown>;
  const values: ContentValues = {};
  for (const rule of CONTENT_FIELDS[kind]) {
    const value = PERSON.includes(rule.name) ? person[rule.name] : content[rule.name];
    values[rule.name] = typeof value === 'string' ? value : '';
  }
  return values;
}

/** A version's fields in display order with their values, the person's first (for the alert's page). */
export function contentEntries(kind: AlertKind, content: Record<string, unknown>): [ContentField, string][] {
  const values = fromContent(kind, content);
  return CONTENT_FIELDS[kind].filter((rule) => values[rule.name]).map((rule) => [rule.name, values[rule.name]!]);
}
