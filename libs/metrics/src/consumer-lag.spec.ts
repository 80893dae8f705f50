import { ConsumerLagProbe, lagPerPartition } from './consumer-lag';

describe('consumer lag per partition', () => {
  it('is the latest offset less the committed one, from the log start where nothing was committed', () => {
    const latest = [
      { partition: 1, high: '120', low: '0' },
      { partition: 0, high: '50', low: '0' },
      { partition: 2, high: '30', low: '10' },
    ];
    const committed = [{ partition: 0, offset: '50' }, { partition: 1, offset: '100' }, { partition: 2, offset: '-1' }];
    expect(lagPerPartition('node.DE', 'node.DE.inbox', latest, committed)).toEqual([
      { consumerGroup: 'node.DE', topic: 'node.DE.inbox', partition: 0, lag: 0 },
      { consumerGroup: 'node.DE', topic: 'node.DE.inbox', partition: 1, lag: 20 },
      { consumerGroup: 'node.DE', topic: 'node.DE.inbox', partition: 2, lag: 20 },
    ]);
  });

  it('is never negative (a committed offset read before the latest one moved)', () => {
    expect(lagPerPartition('g', 't', [{ partition: 0, high: '5', low: '0' }], [{ partition: 0, offset: '7' }])[0].lag).toBe(0);
  });
});

describe('consumer lag probe', () => {
  function fakeKafka(options: { connectMs?: number; hang?: boolean } = {}) {
    const admins: { connected: boolean; disconnected: boolean }[] = [];
    const kafka = {
      admin: () => {
        const state = { connected: false, disconnected: false };
        admins.push(state);
        return {
          connect: () => new Promise<void>((resolve) => setTimeout(() => { state.connected = true; resolve(); }, options.connectMs ?? 0)),
          disconnect: async () => { state.disconnected = true; },
          fetchTopicOffsets: () => (options.hang ? new Promise(() => undefined) : Promise.resolve([{ partition: 0, high: '9', low: '0', offset: '9' }])),
          fetchOffsets: () => Promise.resolve([{ topic: 't', partitions: [{ partition: 0, offset: '4' }] }]),
        };
      },
    };
    return { kafka: kafka as never, admins };
  }

  it('reads the lag with one admin client, kept between scrapes, and shares a reading among concurrent scrapes', async () => {
    const { kafka, admins } = fakeKafka();
    const probe = new ConsumerLagProbe(kafka, 'g', 't');
    const [a, b] = await Promise.all([probe.read(), probe.read()]);
    expect(a).toEqual([{ consumerGroup: 'g', topic: 't', partition: 0, lag: 5 }]);
    expect(b).toBe(a);
    await probe.read();
    expect(admins).toHaveLength(1);
    await probe.close();
    expect(admins[0].disconnected).toBe(true);
    await expect(probe.read()).rejects.toThrow('closed');
  });

  it('gives up after its timeout and connects again at the next scrape', async () => {
    const { kafka, admins } = fakeKafka({ hang: true });
    const probe = new ConsumerLagProbe(kafka, 'g', 't', 50);
    await expect(probe.read()).rejects.toThrow('within 50 ms');
    expect(admins[0].disconnected).toBe(true);
    await expect(probe.read()).rejects.toThrow();
    expect(admins).toHaveLength(2);
    await probe.close();
  });

  it('disconnects a client still connecting when it is closed', async () => {
    const { kafka, admins } = fakeKafka({ connectMs: 100, hang: true });
    const probe = new ConsumerLagProbe(kafka, 'g', 't', 10);
    await expect(probe.read()).rejects.toThrow();
    await probe.close();
    expect(admins[0]).toEqual({ connected: true, disconnected: true });
  });
});
