import { Client, ClientConfig, Pool, QueryResultRow } from 'pg';
import { Tx } from './transaction';
import { currentTransactionScope } from './transaction-scope';

/**
 * A pg client that never throws an 'error' event at the process. pg emits 'error' when the
 * server ends a connection that is checked out but between queries (a crash shutdown sends
 * 57P01 to every backend), and an emitter with no listener throws: under load, that hit a
 * connection in a window no caller guarded, and the hub or node exited. The error is not lost:
 * the connection is no longer queryable, so its next query fails and the pool discards it on
 * release.
 */
export class ConnectionClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

/** A Postgres pool with one way to run a transaction, so no caller forgets ROLLBACK. */
export class Database {
  constructor(readonly pool: Pool) {}

  /**
   * `timeoutMs`: for an observer that must never wait for good (a test harness, a watchdog), a
   * bound on waiting for a connection and on each query; the applications wait as long as it takes.
   */
  static connect(url: string, max = 10, options: { timeoutMs?: number } = {}): Database {
    const timeouts = options.timeoutMs ? { connectionTimeoutMillis: options.timeoutMs, query_timeout: options.timeoutMs } : {};
    const pool = new Pool({ connectionString: url, max, Client: ConnectionClient, ...timeouts });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    return new Database(pool);
  }

  async query<R extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(sql, params)).rows;
  }

  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A connection lost mid-transaction (server restart, killed session) fails the query; its
    // 'error' event must not crash the process, and the broken client must not go back to the pool.
    let lost: Error | undefined;
    const onError = (error: Error) => (lost = error);
    client.on('error', onError);
    const tx = new Tx(client);
    try {
      const result = await work(tx);
      await currentTransactionScope()?.beforeCommit(tx);
      await tx.commit();
      return result;
    } catch (error) {
      if (!lost) await tx.rollback().catch(() => undefined);
      throw error;
    } finally {
      client.off('error', onError);
      client.release(lost);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
