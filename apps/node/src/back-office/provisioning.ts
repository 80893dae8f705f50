import { ROLES } from '@imi/domain';
import { Database } from '@imi/persistence';
import { RabbitmqManagement, setUpSystemUser } from './rabbitmq-management';
import { insertSystem } from './systems.repository';

export interface NewSystem {
  id: string;
  authorityId: string;
  roles: string[];
}

/**
 * Connects a back-office system to a node: its row in the node's database (authority and
 * roles, like a user) and its AMQP user on the node's vhost, allowed its own command exchange,
 * reply and event queues only. The running node declares those within its poll interval.
 * Returns the system's credentials, shown once.
 */
export async function addSystem(
  db: Database, management: RabbitmqManagement, amqpBaseUrl: string, country: string, system: NewSystem, vhost?: string,
): Promise<{ username: string; password: string; amqpUrl: string }> {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(system.id)) throw new Error('a system id is 1 to 63 lower-case letters, digits and hyphens');
  // An authority of another member state can never be this node's.
  if (!system.authorityId.startsWith(`${country}-`)) throw new Error(`${system.authorityId} is not an authority of node ${country}`);
  const unknown = system.roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (system.roles.length === 0 || unknown.length > 0) throw new Error(`roles must be some of ${ROLES.join(', ')}`);
  const credentials = await setUpSystemUser(management, amqpBaseUrl, country, system.id, vhost);
  await insertSystem(db, { ...system, amqpUsername: credentials.username });
  return credentials;
}

/**
 * Disconnects a system: its AMQP user is deleted (it can neither send nor read from then on) and
 * its row deactivated, so no more events are written for its authority unless another system
 * has it. Its queues stay for the operator to inspect or delete.
 */
export async function removeSystem(db: Database, management: RabbitmqManagement, systemId: string): Promise<boolean> {
  const rows = await db.query<{ amqp_username: string }>(
    "UPDATE back_office_systems SET status = 'deactivated' WHERE id = $1 AND status = 'active' RETURNING amqp_username", [systemId]);
  if (rows.length === 0) return false;
  await management.deleteUser(rows[0].amqp_username);
  return true;
}
