import { checkBrokerCount, dockerNet, kafkaClusterId, kafkaNodes, kafkaProperties, localNet } from './kafka-cluster.cjs';

const ports = { kafka: 39092, controller: 39093 };
const credentials = { admin: { username: 'admin', password: 'a-secret' }, hub: { username: 'hub', password: 'h-secret' } };

function properties(text: string): Map<string, string> {
  return new Map(
    text
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('the local stack Kafka topology', () => {
  it('keeps one broker named kafka on the given ports', () => {
    expect(kafkaNodes(1, ports)).toEqual([{ component: 'kafka', nodeId: 1, port: 39092, controllerPort: 39093 }]);
  });

  it('puts the 2nd and 3rd node 10 and 20 ports above the first', () => {
    expect(kafkaNodes(3, ports)).toEqual([
      { component: 'kafka-1', nodeId: 1, port: 39092, controllerPort: 39093 },
      { component: 'kafka-2', nodeId: 2, port: 39102, controllerPort: 39103 },
      { component: 'kafka-3', nodeId: 3, port: 39112, controllerPort: 39113 },
    ]);
  });

  it('refuses a broker count that makes no sensible quorum', () => {
    for (const count of [0, 2, 4, 1.5, Number.NaN]) expect(() => checkBrokerCount(count)).toThrow(/--brokers takes 1, 3, 5/);
    expect(checkBrokerCount(3)).toBe(3);
  });

  it('makes each of three nodes a voter of the same quorum, listening on its own ports', () => {
    const nodes = kafkaNodes(3, ports);
    const second = properties(kafkaProperties({ nodeId: 2, clusterSize: 3, dataDir: '/data/2', credentials, net: localNet(nodes[1], nodes) }));
    expect(second.get('node.id')).toBe('2');
    expect(second.get('process.roles')).toBe('broker,controller');
    expect(second.get('controller.quorum.voters')).toBe('1@127.0.0.1:39093,2@127.0.0.1:39103,3@127.0.0.1:39113');
    expect(second.get('listeners')).toBe('SASL_PLAINTEXT://127.0.0.1:39102,CONTROLLER://127.0.0.1:39103');
    expect(second.get('advertised.listeners')).toBe('SASL_PLAINTEXT://127.0.0.1:39102');
    expect(second.get('log.dirs')).toBe('/data/2');
  });

  it('replicates three times with two in sync and no unclean election on three brokers', () => {
    const nodes = kafkaNodes(3, ports);
    const props = properties(kafkaProperties({ nodeId: 1, clusterSize: 3, dataDir: '/d', credentials, net: localNet(nodes[0], nodes) }));
    expect(props.get('default.replication.factor')).toBe('3');
    expect(props.get('min.insync.replicas')).toBe('2');
    expect(props.get('unclean.leader.election.enable')).toBe('false');
    expect(props.get('offsets.topic.replication.factor')).toBe('3');
    expect(props.get('transaction.state.log.replication.factor')).toBe('3');
    expect(props.get('transaction.state.log.min.isr')).toBe('2');
  });

  it('keeps one copy on a single broker, where more could never be placed', () => {
    const nodes = kafkaNodes(1, ports);
    const props = properties(kafkaProperties({ nodeId: 1, clusterSize: 1, dataDir: '/d', credentials, net: localNet(nodes[0], nodes) }));
    expect(props.get('controller.quorum.voters')).toBe('1@127.0.0.1:39093');
    expect(props.get('default.replication.factor')).toBe('1');
    expect(props.get('min.insync.replicas')).toBe('1');
    expect(props.get('transaction.state.log.min.isr')).toBe('1');
  });

  it('secures every node alike: SCRAM between brokers as admin, PLAIN on the controller listener, admin and hub super users', () => {
    const nodes = kafkaNodes(3, ports);
    for (const node of nodes) {
      const props = properties(kafkaProperties({ nodeId: node.nodeId, clusterSize: 3, dataDir: '/d', credentials, net: localNet(node, nodes) }));
      expect(props.get('sasl.mechanism.inter.broker.protocol')).toBe('SCRAM-SHA-512');
      expect(props.get('listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config')).toContain('username="admin" password="a-secret"');
      expect(props.get('listener.name.controller.plain.sasl.jaas.config')).toContain('user_admin="a-secret"');
      expect(props.get('super.users')).toBe('User:admin;User:hub');
      expect(props.get('allow.everyone.if.no.acl.found')).toBe('false');
    }
  });

  it('lets Docker reach the broker on the external port it is given', () => {
    const props = properties(kafkaProperties({ nodeId: 1, clusterSize: 1, dataDir: '/d', credentials, net: dockerNet(29092) }));
    expect(props.get('listeners')).toBe('INTERNAL://:9092,CONTROLLER://:9093,EXTERNAL://:29092');
    expect(props.get('advertised.listeners')).toBe('INTERNAL://kafka:9092,EXTERNAL://127.0.0.1:29092');
    expect(props.get('listener.security.protocol.map')).toBe('CONTROLLER:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_PLAINTEXT');
  });
});

describe('a new cluster id', () => {
  it('is 16 bytes in URL-safe base64 and never starts with "-", which kafka-storage format takes for an option', () => {
    // 4,000 draws: about 60 would start with '-' if nothing prevented it.
    const ids = Array.from({ length: 4000 }, () => kafkaClusterId());
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
