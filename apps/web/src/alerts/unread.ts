import type { Session } from '../session/session';
import type { AlertView } from './api';

/** Received and neither read nor acknowledged by the reader's authority. */
export function isUnread(view: Pick<AlertView, 'role' | 'recipients'>, session: Pick<Session, 'authorityId'>): boolean {
  if (view.role !== 'recipient') return false;
  const mine = view.recipients.find((r) => r.authorityId === session.authorityId);
  return !!mine && !mine.readAt && !mine.acknowledgedAt;
}
