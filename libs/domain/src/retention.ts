/**
 * Retention of personal data in an exchange (privacy-rules.md, "Retention"): blocked a number
 * of months after formal closure (6; 18 for SOLVIT), deleted later (36). Pure: the caller
 * supplies the clock.
 */
export interface RetentionPeriods {
  blockAfterMonths: number;
  deleteAfterMonths: number;
}

export type RetentionStep = 'keep' | 'block' | 'delete';

/**
 * `date` plus `months` calendar months, in UTC; a day past the end of the target month falls on
 * its last day (31 August + 6 months = 28 or 29 February), never spilling into the next.
 */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/** What is due for an exchange closed at `closedAt`, given what was done already. */
export function retentionStep(
  exchange: { closedAt: Date | null; blockedAt: Date | null; deletedAt: Date | null },
  periods: RetentionPeriods,
  now: Date,
): RetentionStep {
  if (!exchange.closedAt || exchange.deletedAt) return 'keep';
  if (now.getTime() >= addMonths(exchange.closedAt, periods.deleteAfterMonths).getTime()) return 'delete';
  if (!exchange.blockedAt && now.getTime() >= addMonths(exchange.closedAt, periods.blockAfterMonths).getTime()) return 'block';
  return 'keep';
}

/**
 * The latest closures that can be due under any of `periods`: for blocking (of an exchange not
 * blocked yet) and for deletion. An exchange closed after both is kept by retentionStep whatever
 * its area, so a retention run need not read it. A month of slack covers month ends, where
 * addMonths does not undo exactly.
 */
export function dueClosures(periods: readonly RetentionPeriods[], now: Date): { blockClosedBy: Date; deleteClosedBy: Date } {
  const months = (pick: (p: RetentionPeriods) => number) => Math.min(...periods.map(pick));
  return { blockClosedBy: addMonths(now, 1 - months((p) => p.blockAfterMonths)), deleteClosedBy: addMonths(now, 1 - months((p) => p.deleteAfterMonths)) };
}
