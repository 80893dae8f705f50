import { Database } from '@imi/persistence';

/** Every row of every table in the public schema, as one JSON text: to search for values. */
export async function dumpDatabase(db: Database): Promise<string> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const dump: Record<string, unknown[]> = {};
  for (const { table_name } of tables) dump[table_name] = await db.query(`SELECT * FROM "${table_name}"`);
  // bytea columns as their raw bytes (latin1 keeps every byte), so binary content can be searched too.
  return JSON.stringify(dump, (_, value) => (value?.type === 'Buffer' && Array.isArray(value.data) ? Buffer.from(value.data).toString('latin1') : value));
}
