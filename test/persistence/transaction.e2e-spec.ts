import { Database } from '@imi/persistence';
import { createDatabase } from '../stack/endpoints';

/** Deferred writes on a real Postgres: atomic, visible to the next query, gone on rollback. */
describe('transactions with deferred writes', () => {
  let db: Database;
  let observer: Database;

  beforeAll(async () => {
    const url = await createDatabase('tx');
    db = Database.connect(url, 2);
    observer = Database.connect(url, 1);
    await db.query('CREATE TABLE parent (id int PRIMARY KEY)');
    await db.query('CREATE TABLE child (parent_id int NOT NULL REFERENCES parent (id), note text)');
  });

  afterAll(async () => {
    await db?.close();
    await observer?.close();
  });

  const count = async (table: string) => (await observer.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  it('sends a transaction of deferred writes alone as one statement, a parent and its child included', async () => {
    await db.transaction(async (tx) => {
      tx.defer('INSERT INTO parent (id) VALUES ($1)', [1]);
      tx.defer('INSERT INTO child (parent_id, note) VALUES ($1, $2)', [1, 'first']);
      expect(await count('parent')).toBe(0); // nothing sent yet
    });
    expect(await observer.query('SELECT parent_id, note FROM child')).toEqual([{ parent_id: 1, note: 'first' }]);
  });

  it('applies none of them when one fails', async () => {
    const before = { parent: await count('parent'), child: await count('child') };
    await expect(db.transaction(async (tx) => {
      tx.defer('INSERT INTO parent (id) VALUES ($1)', [2]);
      tx.defer('INSERT INTO child (parent_id, note) VALUES ($1, $2)', [999, 'orphan']);
    })).rejects.toThrow(/foreign key/);
    expect({ parent: await count('parent'), child: await count('child') }).toEqual(before);
  });

  it('lets a query see the writes deferred before it, and commits them with the rest', async () => {
    await db.transaction(async (tx) => {
      tx.defer('INSERT INTO parent (id) VALUES ($1)', [3]);
      const { rows } = await tx.query<{ id: number }>('SELECT id FROM parent WHERE id = $1', [3]);
      expect(rows).toEqual([{ id: 3 }]);
      expect(await count('parent')).toBe(1); // sent, but not committed
      tx.defer('INSERT INTO child (parent_id, note) VALUES ($1, $2)', [3, 'after a read']);
    });
    expect(await observer.query('SELECT note FROM child WHERE parent_id = 3')).toEqual([{ note: 'after a read' }]);
  });

  it('drops the writes deferred since a savepoint when rolling back to it, even after a failed statement', async () => {
    await db.transaction(async (tx) => {
      tx.defer('INSERT INTO parent (id) VALUES ($1)', [6]);
      await tx.savepoint('attempt');
      tx.defer('INSERT INTO parent (id) VALUES ($1)', [7]);
      await expect(tx.query('INSERT INTO child (parent_id, note) VALUES ($1, $2)', [999, 'orphan'])).rejects.toThrow(/foreign key/);
      tx.defer('INSERT INTO parent (id) VALUES ($1)', [8]); // deferred after the failure: dropped too
      await tx.rollbackToSavepoint('attempt');
      tx.defer('INSERT INTO child (parent_id, note) VALUES ($1, $2)', [6, 'after the savepoint']);
    });
    expect(await observer.query('SELECT id FROM parent WHERE id IN (6, 7, 8) ORDER BY id')).toEqual([{ id: 6 }]);
    expect(await observer.query('SELECT note FROM child WHERE parent_id = 6')).toEqual([{ note: 'after the savepoint' }]);
  });

  it('drops deferred writes, and rolls back sent ones, when the work throws', async () => {
    const before = await count('parent');
    await expect(db.transaction(async (tx) => {
      await tx.query('INSERT INTO parent (id) VALUES ($1)', [4]);
      tx.defer('INSERT INTO parent (id) VALUES ($1)', [5]);
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    expect(await count('parent')).toBe(before);
  });
});
