import { committedOffset, isConcurrentTransactions, isFenced, nextOffset, routerTransactionalId, unrouted, whileConcurrent } from './partition-claim';

const batch = ['7', '8', '9', '10'].map((offset) => ({ offset }));

describe('records still to route after claiming a partition', () => {
  it('skips the records below the committed offset: the previous owner routed them', () => {
    expect(unrouted(batch, 9n).map((m) => m.offset)).toEqual(['9', '10']);
  });

  it('keeps the whole batch when the committed offset is at or before it, or there is none', () => {
    expect(unrouted(batch, 7n)).toEqual(batch);
    expect(unrouted(batch, 0n)).toEqual(batch);
    expect(unrouted(batch, null)).toEqual(batch);
  });

  it('keeps nothing when the previous owner routed the whole batch', () => {
    expect(unrouted(batch, 11n)).toEqual([]);
  });

  it('compares offsets as numbers, beyond 2^53', () => {
    const big = [{ offset: '9007199254740993' }, { offset: '9007199254740994' }];
    expect(unrouted(big, 9007199254740994n).map((m) => m.offset)).toEqual(['9007199254740994']);
    expect(nextOffset('9007199254740993')).toBe('9007199254740994');
  });

  it('reads kafkajs committed offsets, -1 meaning none', () => {
    expect(committedOffset('-1')).toBeNull();
    expect(committedOffset(undefined)).toBeNull();
    expect(committedOffset('42')).toBe(42n);
  });

  it('names one transactional id per ingress partition, shared by every hub instance', () => {
    expect(routerTransactionalId('t1.', 2)).toBe('t1.hub-router-p2');
  });
});

describe('broker answers', () => {
  it('counts an older epoch, by type or by code, however kafkajs wraps it, as fenced', () => {
    expect(isFenced({ type: 'INVALID_PRODUCER_EPOCH' })).toBe(true);
    expect(isFenced({ code: 90 })).toBe(true);
    expect(isFenced({ name: 'KafkaJSNonRetriableError', cause: { name: 'KafkaJSProtocolError', type: 'INVALID_TXN_STATE' } })).toBe(true);
    expect(isFenced({ name: 'KafkaJSNumberOfRetriesExceeded', originalError: { type: 'INVALID_PRODUCER_ID_MAPPING' } })).toBe(true);
  });

  it('does not count other failures as fenced', () => {
    expect(isFenced(new Error('Connection timeout'))).toBe(false);
    expect(isFenced({ type: 'CONCURRENT_TRANSACTIONS' })).toBe(false);
    expect(isFenced(undefined)).toBe(false);
  });

  it('recognises CONCURRENT_TRANSACTIONS as the coordinator completing the previous commit', () => {
    expect(isConcurrentTransactions({ type: 'CONCURRENT_TRANSACTIONS' })).toBe(true);
    expect(isConcurrentTransactions({ cause: { code: 51 } })).toBe(true);
    expect(isConcurrentTransactions({ type: 'INVALID_PRODUCER_EPOCH' })).toBe(false);
  });

  it('survives a cycle of causes', () => {
    const a: { cause?: unknown } = {};
    a.cause = { cause: a };
    expect(isFenced(a)).toBe(false);
  });
});

describe('retrying while the coordinator completes the previous transaction', () => {
  it('retries CONCURRENT_TRANSACTIONS until the action succeeds', async () => {
    let calls = 0;
    const result = await whileConcurrent(async () => {
      if (++calls < 3) throw Object.assign(new Error('busy'), { type: 'CONCURRENT_TRANSACTIONS' });
      return 'added';
    });
    expect([result, calls]).toEqual(['added', 3]);
  });

  it('throws any other error at once, and CONCURRENT_TRANSACTIONS after the last attempt', async () => {
    let calls = 0;
    await expect(whileConcurrent(async () => {
      calls++;
      throw Object.assign(new Error('fenced'), { type: 'INVALID_PRODUCER_EPOCH' });
    })).rejects.toThrow('fenced');
    expect(calls).toBe(1);
    await expect(whileConcurrent(async () => {
      throw Object.assign(new Error('busy'), { type: 'CONCURRENT_TRANSACTIONS' });
    }, 2)).rejects.toThrow('busy');
  });
});
