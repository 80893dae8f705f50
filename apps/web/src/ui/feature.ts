import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/catalogues';
import type { Role, Session } from '../session/session';

/**
 * One screen: its path below /app/ (named groups become `params`; paths carry ids only, never
 * personal data), its page title (never a person's name) and what it shows.
 */
export interface ScreenRoute {
  path: RegExp;
  title: MessageKey;
  render: (params: Record<string, string>, session: Session) => ReactNode;
}

/** A link in the main navigation, shown to the roles the node admits to what it leads to. */
export interface NavEntry {
  to: string;
  label: MessageKey;
  roles: Role[];
}

/** A capability's screens and navigation: each feature folder exports one, listed in features.ts. */
export interface Feature {
  routes: ScreenRoute[];
  nav: NavEntry[];
}
