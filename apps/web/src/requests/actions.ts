import { TRANSITIONS } from '../../../../libs/domain/src/request.machine';
import type { RequestView } from '../api/client';
import { hasAnyRole, Role, Session } from '../session/session';

export type RequestAction = 'accept' | 'reject' | 'answer' | 'accept-answer' | 'close';

/**
 * The roles the node admits per action (its access matrix, test/flows/access-control.e2e-spec.ts):
 * allocators triage incoming requests, case handlers do the rest.
 */
const ROLES: Record<RequestAction, Role[]> = {
  accept: ['case-handler', 'allocator'],
  reject: ['case-handler', 'allocator'],
  answer: ['case-handler'],
  'accept-answer': ['case-handler'],
  close: ['case-handler'],
};

/**
 * What the reader may do with the request now: the party and state from the request machine
 * the nodes themselves run (libs/domain, shared, so the page and the server cannot disagree),
 * and the roles of the session. A control not allowed is not shown; the server still decides.
 */
export function allowedActions(request: Pick<RequestView, 'role' | 'state'>, session: Session | null): RequestAction[] {
  return (Object.keys(ROLES) as RequestAction[]).filter((action) => {
    const rule = TRANSITIONS[action];
    return rule.by === request.role && rule.from.includes(request.state) && hasAnyRole(session, ...ROLES[action]);
  });
}
