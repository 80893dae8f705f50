#!/usr/bin/env node
// Part of scripts/check-chart.sh: the ACLs the hub chart gives each node's KafkaUser are exactly
// those the hub grants on the local stack (nodeGrants in libs/messaging/src/kafka-access.ts), for
// every node the chart lists and with the topic prefix it was rendered with.
//
//   node scripts/check-chart-acls.mjs USERS.json KAFKA-ACCESS.js PREFIX
// USERS.json: the chart's rendered KafkaUser documents as a JSON array; KAFKA-ACCESS.js: the
// module compiled to CommonJS.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const [usersFile, accessModule, prefix = ''] = process.argv.slice(2);
const { nodeGrants, nodePrincipal } = createRequire(import.meta.url)(resolve(accessModule));
const users = JSON.parse(readFileSync(usersFile, 'utf8')).filter((doc) => doc?.kind === 'KafkaUser');

/** One ACL as a comparable line, from the hub's grant or from Strimzi's form. */
const fromGrant = (g) => `${g.resourceType} ${g.pattern} ${g.name} ${g.operation}`;
const fromStrimzi = (acl) => acl.operations.map((op) => `${acl.resource.type} ${acl.resource.patternType === 'prefix' ? 'prefixed' : acl.resource.patternType} ${acl.resource.name} ${op.toLowerCase()}`);

const failures = [];
const nodes = users.filter((u) => u.metadata.labels?.['imi.europa.eu/member-state']);
if (nodes.length === 0) failures.push('no node KafkaUser rendered');
for (const user of nodes) {
  const country = user.metadata.labels['imi.europa.eu/member-state'];
  // Strimzi's user name is a Kubernetes name, so the principal is the hub's in lower case.
  if (user.metadata.name !== nodePrincipal(country).toLowerCase()) failures.push(`${country}: user ${user.metadata.name}, expected ${nodePrincipal(country).toLowerCase()}`);
  if (user.spec.authentication?.type !== 'scram-sha-512') failures.push(`${country}: authentication ${user.spec.authentication?.type}`);
  const chart = (user.spec.authorization?.acls ?? []).flatMap(fromStrimzi).sort();
  const hub = nodeGrants(prefix, country).map(fromGrant).sort();
  if (JSON.stringify(chart) !== JSON.stringify(hub)) failures.push(`${country}: chart grants\n    ${chart.join('\n    ')}\n  the hub grants\n    ${hub.join('\n    ')}`);
}
if (failures.length > 0) {
  console.error(`KafkaUser ACLs differ from libs/messaging/src/kafka-access.ts:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`ACLs of ${nodes.length} node users (${nodes.map((u) => u.metadata.labels['imi.europa.eu/member-state']).join(', ')}) equal the hub's grants, prefix "${prefix}"`);
