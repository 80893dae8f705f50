import { ACCEPTANCE_PERIOD_MS, Party, REQUEST_STATES, RequestSnapshot, RequestState, isInactive, sendRequest, UrgentReason, urgentReasons } from '.';

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date('2025-03-03T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const REPLY_BY = at(30 * DAY);

function snapshotIn(state: RequestState): RequestSnapshot {
  return { ...sendRequest({ addresseeAuthorityId: 'DE-AUTH-1', replyBy: REPLY_BY, at: T0 }), state };
}

it('the acceptance period is 7 days', () => {
  expect(ACCEPTANCE_PERIOD_MS).toBe(7 * DAY);
});

describe("'not-accepted-within-7-days' (addressee)", () => {
  it('is not urgent at exactly 7 days', () => {
    expect(urgentReasons(snapshotIn('sent'), 'addressee', at(7 * DAY))).toEqual([]);
  });

  it('is urgent at 7 days + 1 ms', () => {
    expect(urgentReasons(snapshotIn('sent'), 'addressee', at(7 * DAY + 1))).toEqual(['not-accepted-within-7-days']);
  });

  it('is not on the requester\'s list', () => {
    expect(urgentReasons(snapshotIn('sent'), 'requester', at(7 * DAY + 1))).toEqual([]);
  });

  it('takes a per-area period', () => {
    const periods = { acceptanceMs: 3 * DAY };
    expect(urgentReasons(snapshotIn('sent'), 'addressee', at(3 * DAY), periods)).toEqual([]);
    expect(urgentReasons(snapshotIn('sent'), 'addressee', at(3 * DAY + 1), periods)).toEqual(['not-accepted-within-7-days']);
  });
});

describe("'reply-date-passed' (addressee)", () => {
  it.each<RequestState>(['accepted', 'partially-answered', 'further-information-requested'])('in %s: not at the reply date, urgent 1 ms after', (state) => {
    expect(urgentReasons(snapshotIn(state), 'addressee', REPLY_BY)).toEqual([]);
    expect(urgentReasons(snapshotIn(state), 'addressee', at(30 * DAY + 1))).toEqual(['reply-date-passed']);
    expect(urgentReasons(snapshotIn(state), 'requester', at(30 * DAY + 1))).toEqual([]);
  });
});

describe("'answered-not-closed' (requester)", () => {
  it.each<RequestState>(['answered', 'answer-accepted'])('in %s, at once', (state) => {
    expect(urgentReasons(snapshotIn(state), 'requester', at(1))).toEqual(['answered-not-closed']);
    expect(urgentReasons(snapshotIn(state), 'addressee', at(1))).toEqual([]);
  });
});

describe('every state, for each party, long after sending and the reply date', () => {
  const late = at(60 * DAY);
  const expected: Record<RequestState, Record<Party, UrgentReason[]>> = {
    sent: { addressee: ['not-accepted-within-7-days'], requester: [] },
    accepted: { addressee: ['reply-date-passed'], requester: [] },
    rejected: { addressee: [], requester: [] },
    'partially-answered': { addressee: ['reply-date-passed'], requester: [] },
    answered: { addressee: [], requester: ['answered-not-closed'] },
    'further-information-requested': { addressee: ['reply-date-passed'], requester: [] },
    'answer-accepted': { addressee: [], requester: ['answered-not-closed'] },
    closed: { addressee: [], requester: [] },
  };
  const cases = REQUEST_STATES.flatMap((state) => (['addressee', 'requester'] as const).map((role) => [state, role] as const));

  it.each(cases)('%s, %s view', (state, role) => {
    expect(urgentReasons(snapshotIn(state), role, late)).toEqual(expected[state][role]);
  });
});

describe('inactivity escalation', () => {
  const lastActivityAt = new Date('2026-03-31T12:00:00Z');
  // Two months after 31 March is 31 May (not 1 June).
  const twoMonths = new Date('2026-05-31T12:00:00Z');

  it('escalates an open request idle for strictly more than 2 months', () => {
    for (const state of REQUEST_STATES.filter((s) => s !== 'closed' && s !== 'rejected')) {
      expect(isInactive({ state, lastActivityAt }, twoMonths)).toBe(false);
      expect(isInactive({ state, lastActivityAt }, new Date(twoMonths.getTime() + 1))).toBe(true);
    }
  });

  it('never escalates a closed or rejected request', () => {
    for (const state of ['closed', 'rejected'] as const) expect(isInactive({ state, lastActivityAt }, new Date('2030-01-01'))).toBe(false);
  });
});
