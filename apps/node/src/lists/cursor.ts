import { decodeCursor, InvalidCursor, Position } from '@imi/domain';
import { UnprocessableRequest } from '../problem/errors';

/** Where a list's page starts: after the cursor's position, or at the top; a cursor not made by this list and sort is a 422. */
export function positionOf(cursor: string | undefined, sort: string): Position | null {
  if (!cursor) return null;
  try {
    return decodeCursor(cursor, sort);
  } catch (error) {
    if (error instanceof InvalidCursor) throw new UnprocessableRequest(error.message);
    throw error;
  }
}
