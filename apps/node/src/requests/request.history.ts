import { RequestEvent } from '@imi/domain';

/** The history entry of a domain event: dates and authority ids, never free text. */
export function eventEntry(event: RequestEvent): { type: string; at: Date; detail: Record<string, unknown> } {
  const { type, at, ...rest } = event;
  const detail = Object.fromEntries(
    Object.entries(rest)
      .filter(([key]) => key !== 'reason')
      .map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  );
  return { type, at, detail };
}
