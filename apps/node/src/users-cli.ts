import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Database, migrate } from '@imi/persistence';
import { AuditLog } from './privacy/audit-log';
import { enrolUser } from './users/enrolment';
import { UserRepository } from './users/users.repository';

/**
 * `npm run node:users -- add --authority FR-CNOM --email … --name … --roles authority-administrator`
 * (DATABASE_URL and NODE_COUNTRY of the node): creates a user directly, for the first
 * administrator of an authority, who then manages the authority's other users over the API.
 * Prints the enrolment once: the password (drawn when none is given) and the second-factor secret.
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { authority: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, roles: { type: 'string' }, password: { type: 'string' } },
  });
  const { DATABASE_URL: url, NODE_COUNTRY: country } = process.env;
  if (positionals[0] !== 'add') throw new Error('usage: add --authority ID --email ADDRESS --name NAME --roles ROLE[,ROLE] [--password P]');
  if (!url || !country) throw new Error('set DATABASE_URL and NODE_COUNTRY of the node');
  const { authority, email, name } = values;
  if (!authority || !email || !name || !values.roles) throw new Error('--authority, --email, --name and --roles are required');
  // An authority of another member state can never be this node's.
  if (!authority.startsWith(`${country}-`)) throw new Error(`${authority} is not an authority of node ${country}`);
  const password = values.password ?? randomBytes(18).toString('base64url');
  const db = Database.connect(url, 1);
  try {
    await migrate(db, join(__dirname, '..', 'migrations'));
    const enrolment = await enrolUser({ db, users: new UserRepository(db), audit: new AuditLog(db) }, country, authority,
      { email, displayName: name, roles: values.roles.split(',').map((r) => r.trim()) as never, password });
    console.log(JSON.stringify({ user: enrolment.user, password: values.password ? undefined : password, totpSecret: enrolment.totp.secret, otpauthUrl: enrolment.totp.otpauthUrl }));
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(`user not created: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
