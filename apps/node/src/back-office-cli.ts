import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Database, migrate } from '@imi/persistence';
import { addSystem, removeSystem } from './back-office/provisioning';
import { RabbitmqManagement, setUpNodeVhost } from './back-office/rabbitmq-management';

/**
 * The back-office bridge's operator commands (NODE_COUNTRY; AMQP_MANAGEMENT_URL and AMQP_URL
 * of the broker's administrator):
 *   `npm run node:back-office -- setup` creates the node's vhost and its own AMQP user, and
 *     prints the node's AMQP_URL;
 *   `npm run node:back-office -- add-system --id fr-register --authority FR-CNOM --roles case-handler`
 *     (also DATABASE_URL of the node) connects a system acting for that authority with those
 *     roles, and prints its AMQP credentials once;
 *   `npm run node:back-office -- remove-system --id fr-register` (DATABASE_URL too) deletes the
 *     system's AMQP user and deactivates it.
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { id: { type: 'string' }, authority: { type: 'string' }, roles: { type: 'string' } },
  });
  const { NODE_COUNTRY: country, AMQP_MANAGEMENT_URL: managementUrl, AMQP_URL: amqpUrl, DATABASE_URL: databaseUrl } = process.env;
  if (!country || !managementUrl || !amqpUrl) throw new Error('set NODE_COUNTRY, AMQP_MANAGEMENT_URL and AMQP_URL (the broker administrator\'s)');
  const management = new RabbitmqManagement(managementUrl);
  if (positionals[0] === 'setup') {
    console.log(JSON.stringify(await setUpNodeVhost(management, amqpUrl, country)));
    return;
  }
  if (positionals[0] !== 'add-system' && positionals[0] !== 'remove-system') {
    throw new Error('usage: setup | add-system --id ID --authority AUTHORITY --roles ROLE[,ROLE] | remove-system --id ID');
  }
  if (!databaseUrl) throw new Error('set DATABASE_URL of the node');
  if (positionals[0] === 'remove-system') {
    if (!values.id) throw new Error('--id is required');
    const db = Database.connect(databaseUrl, 1);
    try {
      await migrate(db, join(__dirname, '..', 'migrations'));
      if (!(await removeSystem(db, management, values.id))) throw new Error(`no active system ${values.id}`);
      console.log(JSON.stringify({ system: values.id, removed: true }));
    } finally {
      await db.close();
    }
    return;
  }
  if (!values.id || !values.authority || !values.roles) throw new Error('--id, --authority and --roles are required');
  const db = Database.connect(databaseUrl, 1);
  try {
    await migrate(db, join(__dirname, '..', 'migrations'));
    const credentials = await addSystem(db, management, amqpUrl, country, {
      id: values.id, authorityId: values.authority, roles: values.roles.split(',').map((r) => r.trim()),
    });
    console.log(JSON.stringify({ system: values.id, authority: values.authority, ...credentials }));
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(`back-office: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
