import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from './database';
import { migrateWhenReachable } from './migrations';

/** A database whose transactions fail with the given errors, then run (with no migrations to apply). */
function databaseFailing(...errors: Error[]): { db: Database; tries: () => number } {
  let tries = 0;
  const db = {
    transaction: async (work: (tx: unknown) => Promise<unknown>) => {
      const error = errors[tries++];
      if (error) throw error;
      return work({ query: async () => ({ rows: [] }) });
    },
  } as unknown as Database;
  return { db, tries: () => tries };
}

const starting = Object.assign(new Error('the database system is starting up'), { code: '57P03' });
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:15432'), { code: 'ECONNREFUSED' });
const noMigrations = () => mkdtempSync(join(tmpdir(), 'imi-migrations-'));

describe('migrateWhenReachable', () => {
  it('waits while the database is refused or starting up, then migrates', async () => {
    const { db, tries } = databaseFailing(refused, starting);
    const waited: string[] = [];
    await expect(migrateWhenReachable(db, noMigrations(), { onWait: (e) => waited.push(e.message) })).resolves.toEqual([]);
    expect(tries()).toBe(3);
    expect(waited).toEqual([refused.message, starting.message]);
  });

  it('does not retry a fault of the migration itself', async () => {
    const { db, tries } = databaseFailing(Object.assign(new Error('syntax error'), { code: '42601' }));
    await expect(migrateWhenReachable(db, noMigrations())).rejects.toThrow('syntax error');
    expect(tries()).toBe(1);
  });

  it('gives up after its time with the last error', async () => {
    const { db } = databaseFailing(refused, refused, refused);
    await expect(migrateWhenReachable(db, noMigrations(), { timeoutMs: 0 })).rejects.toThrow('ECONNREFUSED');
  });
});
