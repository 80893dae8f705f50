import { AUTHORITY_ID } from '@imi/domain';

/**
 * The registrations list's cursor: the id of the last registration shown, since the list is in
 * the order of the ids (public organisation data, so nothing to hide in it). Pure.
 */
const SORT = 'registrations-id';

export const cursorAfter = (id: string): string => Buffer.from(JSON.stringify([SORT, id]), 'utf8').toString('base64url');

/** The id a cursor names, or null for one this list did not make. */
export function registrationAfter(cursor: string): string | null {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parts) || parts.length !== 2) return null;
    const [sort, id] = parts as unknown[];
    return sort === SORT && typeof id === 'string' && AUTHORITY_ID.test(id) ? id : null;
  } catch {
    return null;
  }
}
