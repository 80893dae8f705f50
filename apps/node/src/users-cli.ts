import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Database, migrate } from '@imi/persistence';
import { AuditLog } from './privacy/audit-log';
import { createUserForFirstSignIn, enrolUser } from './users/enrolment';
import { UserRepository } from './users/users.repository';

/**
 * `npm run node:users -- add --authority FR-CNOM --email … --name … --roles authority-administrator`
 * (DATABASE_URL and NODE_COUNTRY of the node): creates a user directly, for the first
 * administrator of an authority, who then manages the authority's other users over the API.
 * Prints the enrolment once: the password (drawn when none is given) and the second-factor secret.
 * With --first-sign-in the secret is not drawn here: the user sets it up at the first sign-in
 * (POST /sessions/enrolment, or "First sign-in?" on the web page), and the operator never holds it.
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { authority: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, roles: { type: 'string' }, password: { type: 'string' }, 'first-sign-in': { type: 'boolean' } },
  });
  const { DATABASE_URL: url, NODE_COUNTRY: country } = process.env;
  if (positionals[0] !== 'add') throw new Error('usage: add --authority ID --email ADDRESS --name NAME --roles ROLE[,ROLE] [--password P] [--first-sign-in]');
  if (!url || !country) throw new Error('set DATABASE_URL and NODE_COUNTRY of the node');
  const { authority, email, name } = values;
  if (!authority || !email || !name || !values.roles) throw new Error('--authority, --email, --name and --roles are required');
  // An authority of another member state can never be this node's.
  if (!authority.startsWith(`${country}-`)) throw new Error(`${authority} is not an authority of node ${country}`);
  const password = values.password ?? randomBytes(18).toString('base64url');
  const db = Database.connect(url, 1);
  try {
    await migrate(db, join(__dirname, '..', 'migrations'));
    const deps = { db, users: new UserRepository(db), audit: new AuditLog(db) };
    const dto = { email, displayName: name, roles: values.roles.split(',').map((r) => r.trim()) as never, password };
    const drawn = values.password ? undefined : password;
    if (values['first-sign-in']) {
      console.log(JSON.stringify({ user: await createUserForFirstSignIn(deps, authority, dto), password: drawn }));
    } else {
      const enrolment = await enrolUser(deps, country, authority, dto);
      console.log(JSON.stringify({ user: enrolment.user, password: drawn, totpSecret: enrolment.totp.secret, otpauthUrl: enrolment.totp.otpauthUrl }));
    }
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(`user not created: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
