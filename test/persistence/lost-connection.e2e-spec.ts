import { Database, isDatabaseUnavailable } from '@imi/persistence';
import { createDatabase } from '../stack/endpoints';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The server ending a connection that is checked out between two queries (what every backend
 * hears when Postgres crashes: FATAL 57P01) makes pg emit 'error' on the client. With no
 * listener that event is thrown at the process; jest would fail this file on it.
 */
describe('a connection the server ends while it is checked out', () => {
  let db: Database;
  let admin: Database;

  beforeAll(async () => {
    const url = await createDatabase('lost');
    db = Database.connect(url, 2);
    admin = Database.connect(url, 1);
  });

  afterAll(async () => {
    await db?.close();
    await admin?.close();
  });

  const terminate = async (pid: number) => {
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    // The FATAL message reaches the client while no query of its is running.
    await sleep(300);
  };

  it('does not crash the process, fails the next query as unavailable, and the pool replaces the connection', async () => {
    const client = await db.pool.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await terminate(rows[0].pid);
    const next = await client.query('SELECT 1').then(() => null, (error: unknown) => error);
    expect(isDatabaseUnavailable(next)).toBe(true);
    client.release(true);
    expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('inside a transaction, fails it as unavailable and leaves the pool usable', async () => {
    const failure = await db
      .transaction(async (tx) => {
        const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await terminate(rows[0].pid);
        await tx.query('SELECT 1');
      })
      .then(() => null, (error: unknown) => error);
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
