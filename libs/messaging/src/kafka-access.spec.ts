import { kafkaCredentialsFromEnv, nodeGrants, nodePrincipal } from './kafka-access';

describe('what a node may do on the broker', () => {
  const grants = nodeGrants('t1.', 'FR');

  it('writes only to the hub ingress and reads only its own inbox and the broadcasts', () => {
    expect(grants.filter((g) => g.resourceType === 'topic')).toEqual([
      { resourceType: 'topic', pattern: 'literal', name: 't1.hub.ingress', operation: 'write' },
      { resourceType: 'topic', pattern: 'literal', name: 't1.node.FR.inbox', operation: 'read' },
      { resourceType: 'topic', pattern: 'literal', name: 't1.hub.broadcast', operation: 'read' },
    ]);
    expect(grants.some((g) => g.name.includes('node.DE'))).toBe(false);
  });

  it('uses consumer groups named after itself only; the prefix never covers another state\'s groups', () => {
    const groups = grants.filter((g) => g.resourceType === 'group');
    expect(groups).toEqual([{ resourceType: 'group', pattern: 'prefixed', name: 't1.node.FR', operation: 'read' }]);
    for (const other of ['t1.node.DE', 't1.node.FI.broadcast', 't1.hub']) expect(other.startsWith(groups[0].name)).toBe(false);
    for (const own of ['t1.node.FR', 't1.node.FR.broadcast', 't1.node.FR.catalogue']) expect(own.startsWith(groups[0].name)).toBe(true);
    expect(nodePrincipal('FR')).toBe('node-FR');
  });

  it('reads SASL/SCRAM credentials from the environment, both or neither', () => {
    expect(kafkaCredentialsFromEnv({})).toBeUndefined();
    expect(kafkaCredentialsFromEnv({ KAFKA_USERNAME: 'node-FR', KAFKA_PASSWORD: 'secret' })).toEqual({ mechanism: 'scram-sha-512', username: 'node-FR', password: 'secret' });
    expect(() => kafkaCredentialsFromEnv({ KAFKA_USERNAME: 'node-FR' })).toThrow(/go together/);
    expect(() => kafkaCredentialsFromEnv({ KAFKA_USERNAME: 'node-FR', KAFKA_PASSWORD: 'x', KAFKA_SASL_MECHANISM: 'plain' })).toThrow(/scram/);
  });
});
