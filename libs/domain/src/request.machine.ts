import { InvalidRequest, RefusalCode, TransitionRefused } from './errors';

/**
 * The information request (one-to-one) as a pure state machine. Both participating nodes run
 * it: the requester's node on its own moves and on the addressee's messages, and vice versa,
 * so each side refuses what the other may not do.
 */
export type RequestState =
  | 'sent'
  | 'accepted'
  | 'rejected'
  | 'partially-answered'
  | 'answered'
  | 'further-information-requested'
  | 'answer-accepted'
  | 'closed';

export const REQUEST_STATES: readonly RequestState[] = [
  'sent', 'accepted', 'rejected', 'partially-answered', 'answered', 'further-information-requested', 'answer-accepted', 'closed',
];

export type Party = 'requester' | 'addressee';

interface CommandBase {
  by: Party;
  at: Date;
}

export type RequestCommand =
  | (CommandBase & { type: 'accept' })
  | (CommandBase & { type: 'reject'; reason: string })
  | (CommandBase & { type: 'forward'; toAuthorityId: string })
  | (CommandBase & { type: 'propose-reply-date'; replyBy: Date })
  | (CommandBase & { type: 'respond-to-reply-date'; agree: boolean })
  | (CommandBase & { type: 'answer'; final: boolean })
  | (CommandBase & { type: 'request-further-information' })
  | (CommandBase & { type: 'accept-answer' })
  | (CommandBase & { type: 'close' });

export type CommandType = RequestCommand['type'];

export interface RequestSnapshot {
  state: RequestState;
  addresseeAuthorityId: string;
  replyBy: Date;
  proposedReplyBy?: Date | null;
  sentAt: Date;
  acceptedAt?: Date | null;
  /** The latest answer, partial or final. */
  answeredAt?: Date | null;
  /** Formal closure: retention (blocking, deletion) runs from here. */
  closedAt?: Date | null;
  lastActivityAt: Date;
  rejectionReason?: string | null;
}

/** What happened, in the past tense, for the audit log and the other side. */
export type RequestEvent =
  | { type: 'accepted'; at: Date }
  | { type: 'rejected'; at: Date; reason: string }
  | { type: 'forwarded'; at: Date; fromAuthorityId: string; toAuthorityId: string }
  | { type: 'reply-date-proposed'; at: Date; replyBy: Date }
  | { type: 'reply-date-agreed'; at: Date; replyBy: Date }
  | { type: 'reply-date-refused'; at: Date; proposedReplyBy: Date }
  | { type: 'answered'; at: Date }
  | { type: 'partially-answered'; at: Date }
  | { type: 'further-information-requested'; at: Date }
  | { type: 'answer-accepted'; at: Date }
  | { type: 'closed'; at: Date };

export type Decision =
  | { ok: true; next: RequestSnapshot; event: RequestEvent }
  | { ok: false; error: TransitionRefused };

interface Rule {
  by: Party;
  from: readonly RequestState[];
  /** Verb phrase for messages: "cannot <does> a request in state ...". */
  does: string;
}

/** Who may do what from where: the whole workflow in one table. */
export const TRANSITIONS: Readonly<Record<CommandType, Rule>> = {
  accept: { by: 'addressee', from: ['sent'], does: 'accept' },
  reject: { by: 'addressee', from: ['sent'], does: 'reject' },
  forward: { by: 'addressee', from: ['sent', 'accepted'], does: 'forward' },
  'propose-reply-date': { by: 'addressee', from: ['sent', 'accepted'], does: 'propose a reply date for' },
  // Also from partially-answered: a proposal made before a partial answer must stay answerable.
  'respond-to-reply-date': { by: 'requester', from: ['sent', 'accepted', 'partially-answered'], does: 'respond to a proposed reply date for' },
  answer: { by: 'addressee', from: ['accepted', 'partially-answered', 'further-information-requested'], does: 'answer' },
  'request-further-information': { by: 'requester', from: ['answered'], does: 'request further information on' },
  'accept-answer': { by: 'requester', from: ['answered'], does: 'accept the answer to' },
  close: { by: 'requester', from: ['answered', 'answer-accepted'], does: 'close' },
};

/** States in which the addressee has accepted, so the person's data may be with it. */
const DISCLOSED: ReadonlySet<RequestState> = new Set<RequestState>([
  'accepted', 'partially-answered', 'answered', 'further-information-requested', 'answer-accepted', 'closed',
]);

export function canDisclosePersonalData(snapshot: Pick<RequestSnapshot, 'state'>): boolean {
  return DISCLOSED.has(snapshot.state);
}

const isValidDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

export function sendRequest(input: { addresseeAuthorityId: string; replyBy: Date; at: Date }): RequestSnapshot {
  if (!isValidDate(input.at)) throw new InvalidRequest('the sending time must be a valid date');
  if (!isValidDate(input.replyBy) || input.replyBy.getTime() <= input.at.getTime()) {
    throw new InvalidRequest('the reply date must be after the sending time');
  }
  if (!input.addresseeAuthorityId?.trim()) throw new InvalidRequest('an addressee authority is required');
  return {
    state: 'sent',
    addresseeAuthorityId: input.addresseeAuthorityId,
    replyBy: input.replyBy,
    proposedReplyBy: null,
    sentAt: input.at,
    acceptedAt: null,
    answeredAt: null,
    closedAt: null,
    lastActivityAt: input.at,
    rejectionReason: null,
  };
}

/**
 * Applies a command to a snapshot. Never throws for a refused command and never mutates the
 * input. Checks, in order: the state allows the command, the right party sends it, its
 * arguments are valid.
 */
export function decide(snapshot: RequestSnapshot, command: RequestCommand): Decision {
  const { state } = snapshot;
  const refuse = (code: RefusalCode, message: string): Decision => ({
    ok: false,
    error: new TransitionRefused(code, state, command.type, message),
  });
  // Commands arrive from the network too; an unknown type is refused, not a crash.
  if (!Object.hasOwn(TRANSITIONS, command.type)) return refuse('invalid-argument', `unknown command '${String(command.type)}'`);
  const rule = TRANSITIONS[command.type];
  if (!rule.from.includes(state)) return refuse('transition-not-allowed', `cannot ${rule.does} a request in state '${state}'`);
  if (command.by !== rule.by) return refuse('wrong-party', `only the ${rule.by} may ${rule.does} a request`);
  if (!isValidDate(command.at)) return refuse('invalid-argument', 'the command time must be a valid date');

  const { at } = command;
  const base: RequestSnapshot = { ...snapshot, lastActivityAt: at };
  const ok = (next: RequestSnapshot, event: RequestEvent): Decision => ({ ok: true, next, event });

  switch (command.type) {
    case 'accept':
      return ok({ ...base, state: 'accepted', acceptedAt: at }, { type: 'accepted', at });
    case 'reject': {
      const reason = typeof command.reason === 'string' ? command.reason.trim() : '';
      if (!reason) return refuse('invalid-argument', 'a rejection needs a reason');
      // A pending date proposal means nothing once the request is refused.
      return ok({ ...base, state: 'rejected', rejectionReason: reason, proposedReplyBy: null }, { type: 'rejected', at, reason });
    }
    case 'forward': {
      const to = typeof command.toAuthorityId === 'string' ? command.toAuthorityId.trim() : '';
      if (!to) return refuse('invalid-argument', 'forward needs the authority to forward to');
      if (to === snapshot.addresseeAuthorityId) return refuse('invalid-argument', 'cannot forward a request to its current addressee');
      // The new addressee must accept before it may see the person; the old one's date proposal is not its own.
      return ok(
        { ...base, state: 'sent', addresseeAuthorityId: to, acceptedAt: null, proposedReplyBy: null },
        { type: 'forwarded', at, fromAuthorityId: snapshot.addresseeAuthorityId, toAuthorityId: to },
      );
    }
    case 'propose-reply-date':
      if (!isValidDate(command.replyBy) || command.replyBy.getTime() <= at.getTime()) {
        return refuse('invalid-argument', 'the proposed reply date must be after the proposal');
      }
      return ok({ ...base, proposedReplyBy: command.replyBy }, { type: 'reply-date-proposed', at, replyBy: command.replyBy });
    case 'respond-to-reply-date': {
      const proposed = snapshot.proposedReplyBy;
      if (!proposed) return refuse('transition-not-allowed', 'no proposed reply date is pending');
      if (typeof command.agree !== 'boolean') return refuse('invalid-argument', 'a response must agree or not');
      return command.agree
        ? ok({ ...base, replyBy: proposed, proposedReplyBy: null }, { type: 'reply-date-agreed', at, replyBy: proposed })
        : ok({ ...base, proposedReplyBy: null }, { type: 'reply-date-refused', at, proposedReplyBy: proposed });
    }
    case 'answer':
      if (typeof command.final !== 'boolean') return refuse('invalid-argument', 'an answer must say whether it is final');
      // Once the final answer is in, a pending reply date proposal is moot.
      return command.final
        ? ok({ ...base, state: 'answered', answeredAt: at, proposedReplyBy: null }, { type: 'answered', at })
        : ok({ ...base, state: 'partially-answered', answeredAt: at }, { type: 'partially-answered', at });
    case 'request-further-information':
      return ok({ ...base, state: 'further-information-requested' }, { type: 'further-information-requested', at });
    case 'accept-answer':
      return ok({ ...base, state: 'answer-accepted' }, { type: 'answer-accepted', at });
    case 'close':
      return ok({ ...base, state: 'closed', closedAt: at }, { type: 'closed', at });
  }
}
