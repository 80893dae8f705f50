import { isCalendarDate } from './catalogue';
import { InvalidRequest } from './errors';

/**
 * Right of access: finding a person in the exchanges a node holds by the fields exchanges use
 * to identify people. A register number identifies alone; otherwise family and given names
 * must both match, and the date of birth too where both sides have one.
 */
export interface PersonQuery {
  familyName: string | null;
  givenNames: string | null;
  dateOfBirth: string | null;
  registerNumber: string | null;
}

export interface PersonFields {
  familyName?: string | null;
  givenNames?: string | null;
  dateOfBirth?: string | null;
  registerNumber?: string | null;
}

const field = (raw: Record<string, unknown>, name: keyof PersonQuery, max: number): string | null => {
  const value = raw[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !value.trim() || value.length > max) throw new InvalidRequest(`${name} must be 1 to ${max} characters`);
  return value.trim();
};

export function checkPersonQuery(raw: unknown): PersonQuery {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InvalidRequest('the person must be identified');
  const r = raw as Record<string, unknown>;
  const query: PersonQuery = {
    familyName: field(r, 'familyName', 200), givenNames: field(r, 'givenNames', 200),
    dateOfBirth: field(r, 'dateOfBirth', 10), registerNumber: field(r, 'registerNumber', 100),
  };
  if (query.dateOfBirth && !isCalendarDate(query.dateOfBirth)) throw new InvalidRequest('dateOfBirth must be a date (YYYY-MM-DD)');
  if (!query.registerNumber && !(query.familyName && query.givenNames)) {
    throw new InvalidRequest('identify the person by register number, or by family and given names');
  }
  return query;
}

/** Letters of EU alphabets that Unicode does not decompose into a base letter and a mark. */
const UNDECOMPOSED: Readonly<Record<string, string>> = { ł: 'l', đ: 'd', ð: 'd', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', þ: 'th', ı: 'i', ħ: 'h' };

/** Case, accents and spacing do not tell two spellings of a name apart. */
export function normaliseName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/[łđðøæœßþıħ]/g, (c) => UNDECOMPOSED[c])
    .replace(/[\s-]+/g, ' ').trim();
}

const normaliseRegister = (value: string) => value.replace(/[\s-]/g, '').toUpperCase();

export function matchesPerson(query: PersonQuery, candidate: PersonFields): boolean {
  if (query.registerNumber && candidate.registerNumber && normaliseRegister(query.registerNumber) === normaliseRegister(candidate.registerNumber)) return true;
  if (!query.familyName || !query.givenNames || !candidate.familyName || !candidate.givenNames) return false;
  if (normaliseName(query.familyName) !== normaliseName(candidate.familyName) || normaliseName(query.givenNames) !== normaliseName(candidate.givenNames)) return false;
  return !(query.dateOfBirth && candidate.dateOfBirth && query.dateOfBirth !== candidate.dateOfBirth);
}
