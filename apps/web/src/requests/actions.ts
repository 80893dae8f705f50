import { CommandType, TRANSITIONS } from '../../../../libs/domain/src/request.machine';
import type { RequestView } from '../api/client';
import { hasAnyRole, Role, Session } from '../session/session';

export type RequestAction = CommandType;

/**
 * The roles the node admits per action (its access matrix, test/flows/access-control.e2e-spec.ts,
 * and request.controller.ts): allocators triage incoming requests, case handlers do the rest.
 */
const ROLES: Record<RequestAction, Role[]> = {
  accept: ['case-handler', 'allocator'],
  reject: ['case-handler', 'allocator'],
  forward: ['case-handler', 'allocator'],
  'propose-reply-date': ['case-handler'],
  'respond-to-reply-date': ['case-handler'],
  answer: ['case-handler'],
  'request-further-information': ['case-handler'],
  'accept-answer': ['case-handler'],
  close: ['case-handler'],
};

/**
 * What the reader may do with the request now: the party and state from the request machine
 * the nodes themselves run (libs/domain, shared, so the page and the server cannot disagree),
 * and the roles of the session. A control not allowed is not shown; the server still decides.
 */
export function allowedActions(request: Pick<RequestView, 'role' | 'state'> & Partial<Pick<RequestView, 'proposedReplyBy'>>, session: Session | null): RequestAction[] {
  return (Object.keys(ROLES) as RequestAction[]).filter((action) => {
    const rule = TRANSITIONS[action];
    // The machine refuses an answer to a proposal that is not there.
    if (action === 'respond-to-reply-date' && !request.proposedReplyBy) return false;
    return rule.by === request.role && rule.from.includes(request.state) && hasAnyRole(session, ...ROLES[action]);
  });
}

/** States in which each party may add documents (the node's attachment.service.ts): the requester while the request is open, the addressee while answering. */
const OPEN_FOR_DOCUMENTS: Record<RequestView['role'], RequestView['state'][]> = {
  requester: ['sent', 'accepted', 'partially-answered', 'answered', 'further-information-requested'],
  addressee: ['accepted', 'partially-answered', 'further-information-requested'],
};

/** Adding and reading documents is case handlers' work. */
export const mayAttach = (request: Pick<RequestView, 'role' | 'state'>, session: Session | null): boolean =>
  OPEN_FOR_DOCUMENTS[request.role].includes(request.state) && hasAnyRole(session, 'case-handler');

export const mayDownload = (session: Session | null): boolean => hasAnyRole(session, 'case-handler');
