import type { Session } from '../session/session';

/**
 * The member state (node) the session belongs to: the issuer of the node's session token,
 * `imi-node-FR`. The wizard offers only authorities of other member states and forwarding only
 * to this one's, as the node requires; the server still decides.
 */
export function ownNode(session: Pick<Session, 'token'>): string | null {
  try {
    const payload = JSON.parse(atob(session.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { iss?: unknown };
    return typeof payload.iss === 'string' ? payload.iss.replace(/^imi-node-/, '') : null;
  } catch {
    return null;
  }
}
