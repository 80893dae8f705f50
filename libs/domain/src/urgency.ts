import type { Party, RequestSnapshot, RequestState } from './request.machine';
import { addMonths } from './retention';

/** Why a request is on a party's urgency list: each pushes toward accepting, answering, closing. */
export type UrgentReason = 'not-accepted-within-7-days' | 'reply-date-passed' | 'answered-not-closed';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Default time an addressee has to accept (or reject, forward) before it becomes urgent. */
export const ACCEPTANCE_PERIOD_MS = 7 * DAY_MS;

/** Periods are per-legislative-area configuration; these are the defaults. */
export interface UrgencyPeriods {
  acceptanceMs: number;
}

export const DEFAULT_URGENCY_PERIODS: Readonly<UrgencyPeriods> = { acceptanceMs: ACCEPTANCE_PERIOD_MS };

/** States in which the addressee still owes an answer by the reply date. */
export const ANSWER_OWED: ReadonlySet<RequestState> = new Set<RequestState>(['accepted', 'partially-answered', 'further-information-requested']);

/** States in which only the requester's closure is missing. */
export const AWAITING_CLOSURE: ReadonlySet<RequestState> = new Set<RequestState>(['answered', 'answer-accepted']);

export function urgentReasons(
  snapshot: RequestSnapshot,
  role: Party,
  now: Date,
  periods: UrgencyPeriods = DEFAULT_URGENCY_PERIODS,
): UrgentReason[] {
  const reasons: UrgentReason[] = [];
  const t = now.getTime();
  if (role === 'addressee') {
    // Strictly more than the period: exactly 7 days after sending is still on time.
    if (snapshot.state === 'sent' && t - snapshot.sentAt.getTime() > periods.acceptanceMs) reasons.push('not-accepted-within-7-days');
    if (ANSWER_OWED.has(snapshot.state) && t > snapshot.replyBy.getTime()) reasons.push('reply-date-passed');
  } else if (AWAITING_CLOSURE.has(snapshot.state)) {
    reasons.push('answered-not-closed');
  }
  return reasons;
}

/** Exchanges idle for more than this go up to the coordinator for their area. */
export const INACTIVITY_MONTHS = 2;

/** An open request with no activity for more than 2 months (strictly): escalated. */
export function isInactive(snapshot: Pick<RequestSnapshot, 'state' | 'lastActivityAt'>, now: Date): boolean {
  if (snapshot.state === 'closed' || snapshot.state === 'rejected') return false;
  return now.getTime() > addMonths(snapshot.lastActivityAt, INACTIVITY_MONTHS).getTime();
}
