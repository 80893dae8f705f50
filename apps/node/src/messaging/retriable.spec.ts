import { isRetriable } from './retriable';

describe('isRetriable', () => {
  it('retries infrastructure failures, including a database connection lost without a code', () => {
    expect(isRetriable({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isRetriable({ code: '57P01' })).toBe(true);
    expect(isRetriable({ code: '40001' })).toBe(true);
    expect(isRetriable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isRetriable({ name: 'KafkaJSConnectionError' })).toBe(true);
  });

  it('does not retry what a retry cannot mend, or one poison message would block its partition', () => {
    expect(isRetriable({ code: '23505' })).toBe(false);
    expect(isRetriable(new TypeError('x is undefined'))).toBe(false);
    expect(isRetriable(undefined)).toBe(false);
  });
});
