import { lagPerPartition } from './consumer-lag';

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
