import { Pool, PoolClient, QueryResultRow } from 'pg';

export type Tx = PoolClient;

/** A Postgres pool with one way to run a transaction, so no caller forgets ROLLBACK. */
export class Database {
  constructor(readonly pool: Pool) {}

  static connect(url: string, max = 10): Database {
    const pool = new Pool({ connectionString: url, max });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    return new Database(pool);
  }

  async query<R extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(sql, params)).rows;
  }

  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
