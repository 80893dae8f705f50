import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Backoff } from './backoff';
import { Database } from './database';
import { isDatabaseUnavailable } from './unavailable';

/**
 * Applies `NNN_name.sql` files in order, each in its own transaction, recording the version.
 * An advisory lock keeps two instances of the same service from migrating at once.
 */
export async function migrate(db: Database, dir: string): Promise<string[]> {
  const files = readdirSync(dir).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(4242)');
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const file of files) {
      if (done.has(file)) continue;
      await tx.query(readFileSync(join(dir, file), 'utf8'));
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
      applied.push(file);
    }
  });
  return applied;
}

/**
 * `migrate`, retried while the database cannot be reached (refused, starting up, shutting
 * down): a hub or node started while Postgres restarts waits for it instead of exiting. Each
 * migration runs in its own transaction, so a try cut short is simply tried again.
 */
export async function migrateWhenReachable(db: Database, dir: string, options: { timeoutMs?: number; onWait?: (error: Error) => void } = {}): Promise<string[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const backoff = new Backoff(250, 5_000);
  for (;;) {
    try {
      return await migrate(db, dir);
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() > deadline) throw error;
      options.onWait?.(error as Error);
      await new Promise((resolve) => setTimeout(resolve, backoff.next()));
    }
  }
}

/** Creates a database on the server behind `adminUrl` if it does not exist; returns its URL. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid database name ${name}`);
  const admin = Database.connect(adminUrl, 1);
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.length === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
