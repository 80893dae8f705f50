import { useSyncExternalStore } from 'react';

export type Role = 'case-handler' | 'allocator' | 'authority-administrator' | 'coordinator' | 'observer' | 'data-protection-contact';

export interface Session {
  token: string;
  userId: string;
  authorityId: string;
  roles: Role[];
  expiresAt: Date;
}

/**
 * The session lives in this module's memory only: never in localStorage, sessionStorage or a
 * cookie, so no other script, tab or later visitor of the workstation can read the token, and
 * closing the page ends it here. `expired` keeps who was signed in when the server refused
 * the token, so the same user can sign in again without losing the screen behind.
 */
interface State {
  session: Session | null;
  expired: Omit<Session, 'token'> | null;
}

let state: State = { session: null, expired: null };
const listeners = new Set<() => void>();
const emit = (next: State) => {
  state = next;
  for (const listener of listeners) listener();
};

/** The claims of the node's session token (its own JWT), read to know the user and roles; the server still decides. */
export function sessionFromToken(token: string): Session {
  const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as {
    sub: string; authority: string; roles: Role[]; exp: number;
  };
  return { token, userId: payload.sub, authorityId: payload.authority, roles: payload.roles, expiresAt: new Date(payload.exp * 1000) };
}

export const currentSession = (): Session | null => state.session;
export const signedIn = (session: Session): void => emit({ session, expired: null });
export const signedOut = (): void => emit({ session: null, expired: null });
/** The server refused the token (expired or ended): keep who it was, drop the token. */
export function sessionExpired(): void {
  if (!state.session) return;
  const { token: _dropped, ...who } = state.session;
  emit({ session: null, expired: who });
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
export const useSessionState = (): State => useSyncExternalStore(subscribe, () => state);

export const hasAnyRole = (session: Pick<Session, 'roles'> | null, ...roles: Role[]): boolean =>
  !!session && roles.some((role) => session.roles.includes(role));
