import { readFileSync } from 'node:fs';
import { Admin, AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { topicNames } from './topics';

/** A Kafka principal's SASL/SCRAM credentials. */
export interface KafkaCredentials {
  mechanism: 'scram-sha-256' | 'scram-sha-512';
  username: string;
  password: string;
}

/** KAFKA_USERNAME and KAFKA_PASSWORD (and KAFKA_SASL_MECHANISM, default scram-sha-512), or none for an unsecured broker. */
export function kafkaCredentialsFromEnv(env: NodeJS.ProcessEnv): KafkaCredentials | undefined {
  const { KAFKA_USERNAME: username, KAFKA_PASSWORD: password, KAFKA_SASL_MECHANISM: mechanism = 'scram-sha-512' } = env;
  if (!username && !password) return undefined;
  if (!username || !password) throw new Error('KAFKA_USERNAME and KAFKA_PASSWORD go together');
  if (mechanism !== 'scram-sha-256' && mechanism !== 'scram-sha-512') throw new Error(`KAFKA_SASL_MECHANISM must be scram-sha-256 or scram-sha-512, not ${mechanism}`);
  return { mechanism, username, password };
}

/** The Kafka user a member state's node connects as. */
export const nodePrincipal = (country: string) => `node-${country}`;

export interface AclGrant {
  resourceType: 'topic' | 'group';
  pattern: 'literal' | 'prefixed';
  name: string;
  operation: 'read' | 'write';
}

/**
 * What a node may do on the broker, and nothing more: write to the hub's ingress, read its own
 * inbox and the hub's broadcasts, in consumer groups named after itself. Only the hub (a super
 * user) reads the ingress and writes inboxes; no node reads another's inbox.
 */
export function nodeGrants(prefix: string, country: string): AclGrant[] {
  const topics = topicNames(prefix);
  return [
    { resourceType: 'topic', pattern: 'literal', name: topics.ingress, operation: 'write' },
    { resourceType: 'topic', pattern: 'literal', name: topics.inbox(country), operation: 'read' },
    { resourceType: 'topic', pattern: 'literal', name: topics.broadcast, operation: 'read' },
    // Its groups: node.CC (inbox), node.CC.broadcast, node.CC.catalogue. Codes are two letters, so
    // the prefix "node.CC" never covers another state's groups.
    { resourceType: 'group', pattern: 'prefixed', name: `${prefix}node.${country}`, operation: 'read' },
  ];
}

/** Creates the node's ACLs on the broker (creating an existing one again changes nothing). */
export async function grantNodeAccess(admin: Admin, prefix: string, countries: string[]): Promise<void> {
  const acl = countries.flatMap((country) =>
    nodeGrants(prefix, country).map((grant) => ({
      resourceType: grant.resourceType === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
      resourceName: grant.name,
      resourcePatternType: grant.pattern === 'literal' ? ResourcePatternTypes.LITERAL : ResourcePatternTypes.PREFIXED,
      principal: `User:${nodePrincipal(country)}`,
      host: '*',
      operation: grant.operation === 'read' ? AclOperationTypes.READ : AclOperationTypes.WRITE,
      permissionType: AclPermissionTypes.ALLOW,
    })),
  );
  if (acl.length > 0) await admin.createAcls({ acl });
}

/**
 * The local stack's Kafka users file (scripts/stack.mjs): the operator (admin), the hub, and one
 * user per node by country code. The credentials of one of them, by that name.
 */
export function kafkaUserFromFile(file: string, user: 'admin' | 'hub' | string): KafkaCredentials {
  const users = JSON.parse(readFileSync(file, 'utf8')) as { mechanism: KafkaCredentials['mechanism']; nodes: Record<string, { username: string; password: string }> } & Record<string, any>;
  const entry = user === 'admin' || user === 'hub' ? users[user] : users.nodes[user];
  if (!entry) throw new Error(`${file} has no Kafka user for ${user}`);
  return { mechanism: users.mechanism, username: entry.username, password: entry.password };
}
