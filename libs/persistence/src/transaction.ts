import { PoolClient, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import { prepared } from './prepared';

/**
 * One database transaction. `query` runs a statement at once and returns its result. `defer`
 * takes a write whose result nobody reads (an insert of a new row, say) and sends it together
 * with the other deferred writes, as one statement, before the next `query` or at commit. On
 * this machine a round trip to Postgres costs more than the statement itself, so an
 * information request, whose six writes read nothing back, reaches Postgres as one statement.
 *
 * Deferred writes run in one statement, so they must not depend on each other's effects (an
 * update of a row another deferred write inserts, a MAX over rows another adds); a `query`
 * sees all of them. `BEGIN` is sent only before the first `query`: a transaction of deferred
 * writes alone is a single statement, atomic by itself.
 */
export class Tx {
  private pending: QueryConfig[] = [];
  private begun = false;

  constructor(private readonly client: PoolClient) {}

  async query<R extends QueryResultRow = QueryResultRow>(statement: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>> {
    await this.flush();
    const config = typeof statement === 'string' ? { text: statement, values } : statement;
    return this.client.query<R>(config);
  }

  defer(statement: string | QueryConfig, values?: unknown[]): void {
    const config = typeof statement === 'string' ? { text: statement, values } : statement;
    if (config.text.includes('$$')) throw new Error('a deferred statement cannot contain dollar quoting');
    this.pending.push(config);
  }

  /** Sends the deferred writes now (done by `query` and at commit). */
  async flush(): Promise<void> {
    await this.begin();
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    await this.client.query(combined(batch));
  }

  /** Marks a point to roll back to; the writes deferred so far are sent first. */
  async savepoint(name: string): Promise<void> {
    await this.query(`SAVEPOINT ${identifier(name)}`);
  }

  async releaseSavepoint(name: string): Promise<void> {
    await this.query(`RELEASE SAVEPOINT ${identifier(name)}`);
  }

  /**
   * Undoes everything since the savepoint. Writes deferred since then are dropped, not sent:
   * they belong to the work being undone, and after a failed statement Postgres would refuse them.
   */
  async rollbackToSavepoint(name: string): Promise<void> {
    this.pending = [];
    await this.client.query(`ROLLBACK TO SAVEPOINT ${identifier(name)}`);
  }

  /** Called by Database.transaction when the work succeeded. */
  async commit(): Promise<void> {
    if (!this.begun) {
      // Nothing was read: the deferred writes, if any, are the whole transaction.
      const batch = this.pending;
      this.pending = [];
      if (batch.length > 0) await this.client.query(combined(batch));
      return;
    }
    await this.flush();
    await this.client.query('COMMIT');
  }

  /** Called by Database.transaction when the work failed: deferred writes are dropped. */
  async rollback(): Promise<void> {
    this.pending = [];
    if (this.begun) await this.client.query('ROLLBACK');
  }

  private async begin(): Promise<void> {
    if (this.begun) return;
    this.begun = true;
    await this.client.query('BEGIN');
  }
}

function identifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid savepoint name ${name}`);
  return name;
}

/**
 * Several writes as one statement: each but the last becomes a data-modifying WITH query
 * (Postgres runs those whether or not anything reads them), parameters renumbered.
 */
export function combined(statements: QueryConfig[]): QueryConfig {
  if (statements.length === 1) return statements[0];
  const values: unknown[] = [];
  const parts = statements.map((s) => {
    const offset = values.length;
    values.push(...(s.values ?? []));
    return s.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  });
  const last = parts.pop()!;
  // Named: the combinations are as few as the code paths that defer, so each is planned once per connection.
  return prepared(`WITH ${parts.map((p, i) => `w${i} AS (${p})`).join(', ')} ${last}`, values);
}
