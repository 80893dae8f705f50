import { Database } from './database';
import { DatabaseProbe } from './database-probe';

function fakeDatabase(answer: () => Promise<unknown>): { db: Database; calls: () => number } {
  let calls = 0;
  const db = { query: () => (calls++, answer()) } as unknown as Database;
  return { db, calls: () => calls };
}

describe('DatabaseProbe', () => {
  it('is ready when SELECT 1 answers, and asks again only once the cached answer is old', async () => {
    const { db, calls } = fakeDatabase(async () => [{ '?column?': 1 }]);
    const probe = new DatabaseProbe(db, { cacheMs: 1000 });
    expect(await probe.ready(10_000)).toBe(true);
    expect(await probe.ready(10_500)).toBe(true);
    expect(calls()).toBe(1);
    expect(await probe.ready(11_000)).toBe(true);
    expect(calls()).toBe(2);
  });

  it('is not ready when the query fails or does not answer in time', async () => {
    expect(await new DatabaseProbe(fakeDatabase(() => Promise.reject(new Error('ECONNREFUSED'))).db).ready()).toBe(false);
    expect(await new DatabaseProbe(fakeDatabase(() => new Promise(() => undefined)).db, { timeoutMs: 10 }).ready()).toBe(false);
  });
});
