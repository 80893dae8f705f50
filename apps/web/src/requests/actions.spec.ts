import type { Session } from '../session/session';
import { allowedActions, mayAttach } from './actions';

const session = (...roles: Session['roles']): Session => ({ token: '', userId: 'u', authorityId: 'DE-BE-AEK', roles, expiresAt: new Date() });

describe('the actions a request page offers', () => {
  it('follow the request machine, the reader\'s side and roles', () => {
    expect(allowedActions({ role: 'addressee', state: 'sent', proposedReplyBy: null }, session('allocator'))).toEqual(['accept', 'reject', 'forward']);
    expect(allowedActions({ role: 'addressee', state: 'sent', proposedReplyBy: null }, session('case-handler')))
      .toEqual(['accept', 'reject', 'forward', 'propose-reply-date']);
    expect(allowedActions({ role: 'addressee', state: 'accepted', proposedReplyBy: null }, session('allocator'))).toEqual(['forward']);
    expect(allowedActions({ role: 'requester', state: 'answered', proposedReplyBy: null }, session('case-handler')))
      .toEqual(['request-further-information', 'accept-answer', 'close']);
    expect(allowedActions({ role: 'requester', state: 'closed', proposedReplyBy: null }, session('case-handler'))).toEqual([]);
  });

  it('offer the answer to a proposed reply date only while one is pending', () => {
    expect(allowedActions({ role: 'requester', state: 'accepted', proposedReplyBy: null }, session('case-handler'))).toEqual([]);
    expect(allowedActions({ role: 'requester', state: 'accepted', proposedReplyBy: '2027-01-10T23:59:59Z' }, session('case-handler'))).toEqual(['respond-to-reply-date']);
  });

  it('take documents from case handlers while the node does', () => {
    expect(mayAttach({ role: 'requester', state: 'sent' }, session('case-handler'))).toBe(true);
    expect(mayAttach({ role: 'addressee', state: 'sent' }, session('case-handler'))).toBe(false);
    expect(mayAttach({ role: 'addressee', state: 'accepted' }, session('allocator'))).toBe(false);
    expect(mayAttach({ role: 'requester', state: 'closed' }, session('case-handler'))).toBe(false);
  });
});
