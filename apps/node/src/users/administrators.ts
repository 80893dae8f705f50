import { Role } from '@imi/domain';
import { ProblemError } from '../problem/errors';

/** A change to one user's account, as far as the authority's administrators are concerned. */
export type AccountChange = { userId: string; roles: Role[] } | { userId: string; deactivate: true };

/**
 * The rule: an authority always keeps at least one active administrator, or nobody could
 * manage its users any more. `administrators`: the ids of the authority's active users who hold
 * the authority-administrator role now. Pure; the caller holds their rows locked.
 */
export function leavesNoAdministrator(administrators: readonly string[], change: AccountChange): boolean {
  if (!administrators.includes(change.userId)) return false;
  const staysAdministrator = 'roles' in change && change.roles.includes('authority-administrator');
  return !staysAdministrator && administrators.length === 1;
}

/** 409: the change would leave the authority without an active administrator. */
export class LastAdministrator extends ProblemError {
  readonly status = 409;
  readonly type = 'last-administrator';
  constructor() {
    super('the authority must keep at least one active authority-administrator: give another user the role first');
  }
}
