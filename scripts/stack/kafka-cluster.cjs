// The local stack's Kafka topology, as pure functions: which KRaft nodes run on which ports, and
// each one's server.properties. CommonJS so that both scripts/stack.mjs and the unit test (jest,
// CommonJS) load it. See kafka-cluster.d.cts for the types.
'use strict';

const { randomBytes } = require('node:crypto');

/** One broker (the default), or a quorum of three or five: an even quorum survives no more than the odd one below it. */
const BROKER_COUNTS = [1, 3, 5];
/** Each further node listens this much above the first node's client and controller ports. */
const PORT_STEP = 10;

function checkBrokerCount(count) {
  if (!BROKER_COUNTS.includes(count)) throw new Error(`--brokers takes ${BROKER_COUNTS.join(', ')} (a KRaft quorum of one, three or five); got ${count}`);
  return count;
}

/**
 * The KRaft nodes of a cluster of `count` combined broker+controller nodes: node id i on the
 * first node's ports + 10 × (i − 1). A single broker keeps the component name `kafka`.
 */
function kafkaNodes(count, ports) {
  checkBrokerCount(count);
  return Array.from({ length: count }, (_, i) => ({
    component: count === 1 ? 'kafka' : `kafka-${i + 1}`,
    nodeId: i + 1,
    port: ports.kafka + PORT_STEP * i,
    controllerPort: ports.controller + PORT_STEP * i,
  }));
}

/** Replication the cluster can honour: three copies, two of which must acknowledge, once there are three brokers. */
function replication(count) {
  return count >= 3 ? { factor: 3, minInsync: 2 } : { factor: 1, minInsync: 1 };
}

/** Where nodes listen: on 127.0.0.1 for the local stack. */
function localNet(node, nodes) {
  return {
    voters: nodes.map((n) => `${n.nodeId}@127.0.0.1:${n.controllerPort}`).join(','),
    listeners: `SASL_PLAINTEXT://127.0.0.1:${node.port},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    advertised: `SASL_PLAINTEXT://127.0.0.1:${node.port}`,
    clientListeners: ['SASL_PLAINTEXT'],
  };
}

/** On the compose network for Docker: one node, reachable from the host on `externalPort`. */
function dockerNet(externalPort) {
  return {
    voters: '1@kafka:9093',
    listeners: `INTERNAL://:9092,CONTROLLER://:9093,EXTERNAL://:${externalPort}`,
    advertised: `INTERNAL://kafka:9092,EXTERNAL://127.0.0.1:${externalPort}`,
    clientListeners: ['INTERNAL', 'EXTERNAL'],
  };
}

/**
 * server.properties of one node. `credentials` is the stack's users file (admin, hub, nodes);
 * `net` says where it listens; `clusterSize` the number of nodes (replication follows it).
 */
function kafkaProperties({ nodeId, clusterSize, dataDir, credentials, net }) {
  const admin = credentials.admin;
  const scramJaas = `org.apache.kafka.common.security.scram.ScramLoginModule required username="${admin.username}" password="${admin.password}";`;
  const { factor, minInsync } = replication(clusterSize);
  return `# Written by scripts/stack.mjs: ${clusterSize === 1 ? 'one combined KRaft broker+controller for a 2-core machine' : `node ${nodeId} of ${clusterSize} combined KRaft broker+controllers (a controller quorum of ${clusterSize})`}.
# Clients authenticate with SASL/SCRAM-SHA-512; the StandardAuthorizer denies whatever no ACL
# allows. admin (the operator) and hub are super users; each node gets its ACLs from the hub.
process.roles=broker,controller
node.id=${nodeId}
controller.quorum.voters=${net.voters}
listeners=${net.listeners}
advertised.listeners=${net.advertised}
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,${net.clientListeners.map((l) => `${l}:SASL_PLAINTEXT`).join(',')}
inter.broker.listener.name=${net.clientListeners[0]}
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
${net.clientListeners.map((l) => `listener.name.${l.toLowerCase()}.scram-sha-512.sasl.jaas.config=${scramJaas}`).join('\n')}
# SCRAM users live in the metadata log, which the controller cannot read before it is up: its
# own listener uses PLAIN with the one static operator user.
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${admin.username}" password="${admin.password}" user_${admin.username}="${admin.password}";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:${admin.username};User:${credentials.hub.username}
log.dirs=${dataDir}
# Replication: ${factor} cop${factor === 1 ? 'y' : 'ies'}; a write with acks=all needs ${minInsync} in sync; never elect a
# leader that may have missed acknowledged writes.
default.replication.factor=${factor}
min.insync.replicas=${minInsync}
unclean.leader.election.enable=false
offsets.topic.replication.factor=${factor}
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=${factor}
transaction.state.log.min.isr=${minInsync}
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=${factor}
share.coordinator.state.topic.min.isr=${minInsync}
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=2
num.partitions=1
auto.create.topics.enable=false
# Envelopes are capped at 256 KiB by the application; leave headroom for batches.
message.max.bytes=2097152
`;
}

/**
 * A new Kafka cluster id: 16 random bytes in URL-safe base64, as `kafka-storage random-uuid`
 * prints, but never one that starts with '-': the format command would read it as an option and
 * refuse to start (one fresh stack in 64 did). Kafka's own Uuid.randomUuid() skips those too.
 */
function kafkaClusterId() {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

module.exports = { BROKER_COUNTS, PORT_STEP, checkBrokerCount, kafkaNodes, replication, localNet, dockerNet, kafkaProperties, kafkaClusterId };
