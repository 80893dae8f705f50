import { randomUUID } from 'node:crypto';
import { Role } from '@imi/domain';
import { Database } from '@imi/persistence';
import { AuditLog } from '../apps/node/src/privacy/audit-log';
import { enrolUser, totpFor } from '../apps/node/src/users/enrolment';
import { UserRepository } from '../apps/node/src/users/users.repository';

const PASSWORD = 'violet lantern across the harbour';

/**
 * Enrols a new user of `authorityId` straight into the node's database and signs in with
 * password and one-time code over POST /sessions, as a person does; returns the session token.
 */
export async function signInAs(db: Database, nodeUrl: string, country: string, authorityId: string, roles: Role[], displayName = 'Camille Bench'): Promise<string> {
  const email = `bench-${randomUUID().slice(0, 8)}@${authorityId.toLowerCase()}.example`;
  const enrolment = await enrolUser({ db, users: new UserRepository(db), audit: new AuditLog(db) }, country, authorityId,
    { email, displayName, roles, password: PASSWORD });
  const code = totpFor(country, email, enrolment.totp.secret).generate();
  const response = await fetch(`${nodeUrl}/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD, code }) });
  if (response.status !== 200) throw new Error(`sign-in at ${authorityId} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
