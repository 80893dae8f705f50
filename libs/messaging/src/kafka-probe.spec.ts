import type { Kafka } from 'kafkajs';
import { KafkaProbe } from './kafka-probe';

/** A Kafka client whose admin answers a metadata request as the test says. */
function kafkaAnswering(describe: () => Promise<{ brokers: unknown[] }>) {
  const admins: { connect: jest.Mock; disconnect: jest.Mock; describeCluster: jest.Mock }[] = [];
  const kafka = {
    admin: jest.fn(() => {
      const admin = { connect: jest.fn(async () => undefined), disconnect: jest.fn(async () => undefined), describeCluster: jest.fn(describe) };
      admins.push(admin);
      return admin;
    }),
  } as unknown as Kafka;
  return { kafka, admins };
}

describe('KafkaProbe', () => {
  it('is ready when the cluster names its brokers, and asks again only after the cache time', async () => {
    const { kafka, admins } = kafkaAnswering(async () => ({ brokers: [{ nodeId: 1 }] }));
    const probe = new KafkaProbe(kafka, { cacheMs: 1000 });
    expect(await probe.ready(10_000)).toBe(true);
    expect(await probe.ready(10_500)).toBe(true);
    expect(admins[0].describeCluster).toHaveBeenCalledTimes(1);
    expect(await probe.ready(11_001)).toBe(true);
    // One admin client, kept between probes.
    expect(admins).toHaveLength(1);
    expect(admins[0].describeCluster).toHaveBeenCalledTimes(2);
  });

  it('is not ready when the broker refuses, and connects afresh at the next probe', async () => {
    let up = false;
    const { kafka, admins } = kafkaAnswering(async () => {
      if (!up) throw Object.assign(new Error('Connection error: connect ECONNREFUSED'), { type: 'NETWORK' });
      return { brokers: [{ nodeId: 1 }] };
    });
    const probe = new KafkaProbe(kafka, { cacheMs: 0 });
    expect(await probe.ready(1)).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(admins[0].disconnect).toHaveBeenCalled();
    up = true;
    expect(await probe.ready(2)).toBe(true);
    expect(admins).toHaveLength(2);
  });

  it('is not ready when the broker does not answer in time', async () => {
    const { kafka, admins } = kafkaAnswering(() => new Promise(() => undefined));
    const probe = new KafkaProbe(kafka, { cacheMs: 0, timeoutMs: 20 });
    expect(await probe.ready(1)).toBe(false);
    expect(admins[0].disconnect).toHaveBeenCalled();
  });
});
