import {
  canDisclosePersonalData,
  CommandType,
  decide,
  Decision,
  InvalidRequest,
  Party,
  REQUEST_STATES,
  RequestCommand,
  RequestSnapshot,
  RequestState,
  sendRequest,
  TransitionRefused,
} from '.';

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date('2025-03-03T09:00:00Z');
const day = (n: number) => new Date(T0.getTime() + n * DAY);
const AT = day(2); // when the command under test is given

/** The rules as the brief states them, written out independently of the implementation's table. */
const ALLOWED: Record<CommandType, { by: Party; from: RequestState[] }> = {
  accept: { by: 'addressee', from: ['sent'] },
  reject: { by: 'addressee', from: ['sent'] },
  forward: { by: 'addressee', from: ['sent', 'accepted'] },
  'propose-reply-date': { by: 'addressee', from: ['sent', 'accepted'] },
  'respond-to-reply-date': { by: 'requester', from: ['sent', 'accepted', 'partially-answered'] },
  answer: { by: 'addressee', from: ['accepted', 'partially-answered', 'further-information-requested'] },
  'request-further-information': { by: 'requester', from: ['answered'] },
  'accept-answer': { by: 'requester', from: ['answered'] },
  close: { by: 'requester', from: ['answered', 'answer-accepted'] },
};
const COMMAND_TYPES = Object.keys(ALLOWED) as CommandType[];
const other = (p: Party): Party => (p === 'requester' ? 'addressee' : 'requester');

/** A realistic snapshot in each state; where a date proposal can be pending, one is. */
function snapshotIn(state: RequestState): RequestSnapshot {
  const sent = sendRequest({ addresseeAuthorityId: 'DE-AUTH-1', replyBy: day(30), at: T0 });
  const accepted = { acceptedAt: day(1), lastActivityAt: day(1) };
  const answered = { ...accepted, answeredAt: day(1) };
  const overrides: Record<RequestState, Partial<RequestSnapshot>> = {
    sent: { proposedReplyBy: day(40) },
    accepted: { ...accepted, proposedReplyBy: day(40) },
    rejected: { rejectionReason: 'not competent', lastActivityAt: day(1) },
    'partially-answered': { ...answered, proposedReplyBy: day(40) },
    answered,
    'further-information-requested': answered,
    'answer-accepted': answered,
    closed: { ...answered, closedAt: day(1) },
  };
  return { ...sent, ...overrides[state], state };
}

/** A valid command of each type. */
function command(type: CommandType, by: Party, at: Date = AT): RequestCommand {
  switch (type) {
    case 'reject':
      return { type, by, at, reason: 'outside our competence' };
    case 'forward':
      return { type, by, at, toAuthorityId: 'DE-AUTH-2' };
    case 'propose-reply-date':
      return { type, by, at, replyBy: day(50) };
    case 'respond-to-reply-date':
      return { type, by, at, agree: true };
    case 'answer':
      return { type, by, at, final: true };
    default:
      return { type, by, at };
  }
}

/** decide(), also checking that it left its input exactly as it was. */
function decideChecked(snapshot: RequestSnapshot, cmd: RequestCommand): Decision {
  const before = structuredClone(snapshot);
  const decision = decide(Object.freeze(snapshot), cmd);
  expect(snapshot).toEqual(before);
  return decision;
}

function expectOk(decision: Decision) {
  if (!decision.ok) throw new Error(`expected ok, got ${decision.error.code}: ${decision.error.message}`);
  return decision;
}

function expectRefused(decision: Decision, code: TransitionRefused['code']) {
  if (decision.ok) throw new Error(`expected refusal ${code}, got state ${decision.next.state}`);
  expect(decision.error).toBeInstanceOf(TransitionRefused);
  expect(decision.error.code).toBe(code);
  return decision.error;
}

describe('sendRequest', () => {
  it('starts in sent with nothing decided yet', () => {
    expect(sendRequest({ addresseeAuthorityId: 'DE-AUTH-1', replyBy: day(30), at: T0 })).toEqual({
      state: 'sent', addresseeAuthorityId: 'DE-AUTH-1', replyBy: day(30), proposedReplyBy: null, sentAt: T0,
      acceptedAt: null, answeredAt: null, closedAt: null, lastActivityAt: T0, rejectionReason: null,
    });
  });

  it.each([
    ['equal to the sending time', { replyBy: T0 }],
    ['before the sending time', { replyBy: day(-1) }],
    ['an invalid date', { replyBy: new Date('nope') }],
    ['with no addressee', { addresseeAuthorityId: ' ' }],
  ])('refuses a reply date %s', (_, override) => {
    const input = { addresseeAuthorityId: 'DE-AUTH-1', replyBy: day(30), at: T0, ...override };
    expect(() => sendRequest(input)).toThrow(InvalidRequest);
  });
});

describe('allowed transitions', () => {
  it('accept: sent → accepted, records acceptedAt', () => {
    const s = snapshotIn('sent');
    const d = expectOk(decideChecked(s, command('accept', 'addressee')));
    expect(d.next).toEqual({ ...s, state: 'accepted', acceptedAt: AT, lastActivityAt: AT });
    expect(d.event).toEqual({ type: 'accepted', at: AT });
  });

  it('reject: sent → rejected, records the trimmed reason and drops a pending proposal', () => {
    const s = snapshotIn('sent');
    const d = expectOk(decideChecked(s, { type: 'reject', by: 'addressee', at: AT, reason: '  not competent ' }));
    expect(d.next).toEqual({ ...s, state: 'rejected', rejectionReason: 'not competent', proposedReplyBy: null, lastActivityAt: AT });
    expect(d.event).toEqual({ type: 'rejected', at: AT, reason: 'not competent' });
  });

  it.each<RequestState>(['sent', 'accepted'])('forward: %s → sent to the new addressee, who must accept again', (from) => {
    const s = snapshotIn(from);
    const d = expectOk(decideChecked(s, command('forward', 'addressee')));
    expect(d.next).toEqual({
      ...s, state: 'sent', addresseeAuthorityId: 'DE-AUTH-2', acceptedAt: null, proposedReplyBy: null, lastActivityAt: AT,
    });
    expect(d.event).toEqual({ type: 'forwarded', at: AT, fromAuthorityId: 'DE-AUTH-1', toAuthorityId: 'DE-AUTH-2' });
    expect(canDisclosePersonalData(d.next)).toBe(false);
  });

  it.each<RequestState>(['sent', 'accepted'])('propose-reply-date: %s stays, the proposal is pending', (from) => {
    const s = snapshotIn(from);
    const d = expectOk(decideChecked(s, command('propose-reply-date', 'addressee')));
    expect(d.next).toEqual({ ...s, proposedReplyBy: day(50), lastActivityAt: AT });
    expect(d.event).toEqual({ type: 'reply-date-proposed', at: AT, replyBy: day(50) });
  });

  it.each<RequestState>(['sent', 'accepted', 'partially-answered'])('respond-to-reply-date, agreeing: %s stays, replyBy becomes the proposal', (from) => {
    const s = snapshotIn(from);
    const d = expectOk(decideChecked(s, { type: 'respond-to-reply-date', by: 'requester', at: AT, agree: true }));
    expect(d.next).toEqual({ ...s, replyBy: day(40), proposedReplyBy: null, lastActivityAt: AT });
    expect(d.event).toEqual({ type: 'reply-date-agreed', at: AT, replyBy: day(40) });
  });

  it.each<RequestState>(['sent', 'accepted', 'partially-answered'])('respond-to-reply-date, refusing: %s stays, replyBy kept', (from) => {
    const s = snapshotIn(from);
    const d = expectOk(decideChecked(s, { type: 'respond-to-reply-date', by: 'requester', at: AT, agree: false }));
    expect(d.next).toEqual({ ...s, replyBy: day(30), proposedReplyBy: null, lastActivityAt: AT });
    expect(d.event).toEqual({ type: 'reply-date-refused', at: AT, proposedReplyBy: day(40) });
  });

  it.each<RequestState>(['accepted', 'partially-answered', 'further-information-requested'])(
    'answer, final: %s → answered, records answeredAt, drops a pending proposal',
    (from) => {
      const s = snapshotIn(from);
      const d = expectOk(decideChecked(s, { type: 'answer', by: 'addressee', at: AT, final: true }));
      expect(d.next).toEqual({ ...s, state: 'answered', answeredAt: AT, proposedReplyBy: null, lastActivityAt: AT });
      expect(d.event).toEqual({ type: 'answered', at: AT });
    },
  );

  it.each<RequestState>(['accepted', 'partially-answered', 'further-information-requested'])(
    'answer, partial: %s → partially-answered, records answeredAt',
    (from) => {
      const s = snapshotIn(from);
      const d = expectOk(decideChecked(s, { type: 'answer', by: 'addressee', at: AT, final: false }));
      expect(d.next).toEqual({ ...s, state: 'partially-answered', answeredAt: AT, lastActivityAt: AT });
      expect(d.event).toEqual({ type: 'partially-answered', at: AT });
    },
  );

  it('request-further-information: answered → further-information-requested', () => {
    const s = snapshotIn('answered');
    const d = expectOk(decideChecked(s, command('request-further-information', 'requester')));
    expect(d.next).toEqual({ ...s, state: 'further-information-requested', lastActivityAt: AT });
    expect(d.event).toEqual({ type: 'further-information-requested', at: AT });
  });

  it('accept-answer: answered → answer-accepted', () => {
    const s = snapshotIn('answered');
    const d = expectOk(decideChecked(s, command('accept-answer', 'requester')));
    expect(d.next).toEqual({ ...s, state: 'answer-accepted', lastActivityAt: AT });
    expect(d.event).toEqual({ type: 'answer-accepted', at: AT });
  });

  it.each<RequestState>(['answered', 'answer-accepted'])('close: %s → closed, records closedAt (retention runs from it)', (from) => {
    const s = snapshotIn(from);
    const d = expectOk(decideChecked(s, command('close', 'requester')));
    expect(d.next).toEqual({ ...s, state: 'closed', closedAt: AT, lastActivityAt: AT });
    expect(d.event).toEqual({ type: 'closed', at: AT });
  });

  const allowedPairs = COMMAND_TYPES.flatMap((type) => ALLOWED[type].from.map((state) => [state, type] as const));

  it('the table above covers 16 allowed (state, command) pairs', () => {
    expect(allowedPairs).toHaveLength(16);
  });

  it.each(allowedPairs)('from %s, %s by the right party succeeds', (state, type) => {
    expectOk(decideChecked(snapshotIn(state), command(type, ALLOWED[type].by)));
  });

  it('runs a whole exchange from sending to closure', () => {
    const steps: [RequestCommand, RequestState][] = [
      [{ type: 'propose-reply-date', by: 'addressee', at: day(1), replyBy: day(45) }, 'sent'],
      [{ type: 'respond-to-reply-date', by: 'requester', at: day(2), agree: true }, 'sent'],
      [{ type: 'accept', by: 'addressee', at: day(3) }, 'accepted'],
      [{ type: 'answer', by: 'addressee', at: day(4), final: false }, 'partially-answered'],
      [{ type: 'answer', by: 'addressee', at: day(5), final: true }, 'answered'],
      [{ type: 'request-further-information', by: 'requester', at: day(6) }, 'further-information-requested'],
      [{ type: 'answer', by: 'addressee', at: day(7), final: true }, 'answered'],
      [{ type: 'accept-answer', by: 'requester', at: day(8) }, 'answer-accepted'],
      [{ type: 'close', by: 'requester', at: day(9) }, 'closed'],
    ];
    let s = sendRequest({ addresseeAuthorityId: 'DE-AUTH-1', replyBy: day(30), at: T0 });
    for (const [cmd, expected] of steps) {
      s = expectOk(decide(s, cmd)).next;
      expect(s.state).toBe(expected);
    }
    expect(s).toMatchObject({ replyBy: day(45), acceptedAt: day(3), answeredAt: day(7), closedAt: day(9), lastActivityAt: day(9) });
  });
});

describe('refused transitions', () => {
  const notAllowed = REQUEST_STATES.flatMap((state) =>
    COMMAND_TYPES.filter((type) => !ALLOWED[type].from.includes(state)).flatMap((type) =>
      (['requester', 'addressee'] as const).map((by) => [state, type, by] as const),
    ),
  );

  it('covers every state × command not allowed from it, by either party', () => {
    expect(notAllowed).toHaveLength((REQUEST_STATES.length * COMMAND_TYPES.length - 16) * 2);
  });

  it.each(notAllowed)("from %s, %s by the %s is 'transition-not-allowed'", (state, type, by) => {
    const error = expectRefused(decideChecked(snapshotIn(state), command(type, by)), 'transition-not-allowed');
    expect(error).toMatchObject({ state, commandType: type });
    expect(error.message).toContain(`in state '${state}'`);
  });

  const wrongParty = COMMAND_TYPES.flatMap((type) =>
    ALLOWED[type].from.map((state) => [state, type, other(ALLOWED[type].by)] as const),
  );

  it.each(wrongParty)("from %s, %s by the %s is 'wrong-party'", (state, type, by) => {
    const error = expectRefused(decideChecked(snapshotIn(state), command(type, by)), 'wrong-party');
    expect(error).toMatchObject({ state, commandType: type });
    expect(error.message).toMatch(new RegExp(`^only the ${other(by)} may .+ a request$`));
  });

  it('says what was refused in words', () => {
    const error = expectRefused(decide(snapshotIn('closed'), command('accept', 'addressee')), 'transition-not-allowed');
    expect(error.message).toBe("cannot accept a request in state 'closed'");
    expect(error.name).toBe('TransitionRefused');
  });

  it("respond-to-reply-date with no proposal pending is 'transition-not-allowed'", () => {
    const s = { ...snapshotIn('accepted'), proposedReplyBy: null };
    expectRefused(decideChecked(s, command('respond-to-reply-date', 'requester')), 'transition-not-allowed');
  });

  it.each<[string, RequestState, RequestCommand]>([
    ['reject with an empty reason', 'sent', { type: 'reject', by: 'addressee', at: AT, reason: '' }],
    ['reject with a blank reason', 'sent', { type: 'reject', by: 'addressee', at: AT, reason: '   ' }],
    ['forward to the current addressee', 'sent', { type: 'forward', by: 'addressee', at: AT, toAuthorityId: 'DE-AUTH-1' }],
    ['forward to nobody', 'accepted', { type: 'forward', by: 'addressee', at: AT, toAuthorityId: '' }],
    ['propose a reply date equal to now', 'sent', { type: 'propose-reply-date', by: 'addressee', at: AT, replyBy: AT }],
    ['propose a reply date in the past', 'accepted', { type: 'propose-reply-date', by: 'addressee', at: AT, replyBy: day(1) }],
    ['propose an invalid reply date', 'sent', { type: 'propose-reply-date', by: 'addressee', at: AT, replyBy: new Date('x') }],
    ['give a command at an invalid time', 'sent', { type: 'accept', by: 'addressee', at: new Date('x') }],
  ])("%s is 'invalid-argument'", (_, state, cmd) => {
    expectRefused(decideChecked(snapshotIn(state), cmd), 'invalid-argument');
  });

  it("an unknown command type from the wire is 'invalid-argument', not a crash", () => {
    const cmd = { type: 'toString', by: 'addressee', at: AT } as unknown as RequestCommand;
    expectRefused(decideChecked(snapshotIn('sent'), cmd), 'invalid-argument');
  });
});

describe('canDisclosePersonalData', () => {
  const disclosed: Record<RequestState, boolean> = {
    sent: false,
    rejected: false,
    accepted: true,
    'partially-answered': true,
    answered: true,
    'further-information-requested': true,
    'answer-accepted': true,
    closed: true,
  };

  it.each(REQUEST_STATES)('in %s', (state) => {
    expect(canDisclosePersonalData(snapshotIn(state))).toBe(disclosed[state]);
  });
});
