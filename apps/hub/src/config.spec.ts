import { hubConfigFromEnv } from './config';

const required = { DATABASE_URL: 'postgres://x', KAFKA_BROKERS: 'k:9092', SCHEMA_REGISTRY_URL: 'http://r', HUB_KEYS_DIR: '/keys', SCHEMAS_DIR: '/schemas' };

describe('hubConfigFromEnv: partitions of the topics the hub creates', () => {
  it('are 3 unless set', () => {
    expect(hubConfigFromEnv(required)).toMatchObject({ ingressPartitions: 3, inboxPartitions: 3 });
  });

  it('are read from HUB_INGRESS_PARTITIONS and HUB_INBOX_PARTITIONS', () => {
    expect(hubConfigFromEnv({ ...required, HUB_INGRESS_PARTITIONS: '1', HUB_INBOX_PARTITIONS: '6' })).toMatchObject({ ingressPartitions: 1, inboxPartitions: 6 });
  });

  it.each(['0', '-1', '2.5', 'three', '1001'])('refuse %s', (value) => {
    expect(() => hubConfigFromEnv({ ...required, HUB_INGRESS_PARTITIONS: value })).toThrow('HUB_INGRESS_PARTITIONS must be a whole number from 1 to 1000');
    expect(() => hubConfigFromEnv({ ...required, HUB_INBOX_PARTITIONS: value })).toThrow('HUB_INBOX_PARTITIONS must be a whole number from 1 to 1000');
  });
});
