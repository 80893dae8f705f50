import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

const script = join(__dirname, '..', '..', 'scripts', 'stack.mjs');


/** Connects with the URL and runs the query; the Postgres error code when refused. */
async function query(url: string, sql: string): Promise<{ rows?: unknown[]; refused?: string }> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return { rows: (await client.query(sql)).rows };
  } catch (error) {
    return { refused: (error as { code?: string }).code ?? String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The local stack's Postgres, in a state folder and on a port of this test's own: its
 * superuser password is drawn, not the well-known `postgres`; a folder from before is
 * migrated to a drawn one; a killed postmaster comes back on `up` with its data.
 */
describe('the local stack Postgres', () => {
  let stateDir: string;
  let env: NodeJS.ProcessEnv;

  function stack(...args: string[]): { databaseUrl?: string; killed?: string } {
    const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (result.status !== 0) throw new Error(`stack ${args.join(' ')} failed: ${result.stderr}`);
    return JSON.parse(result.stdout.trim().split('\n').reverse().find((line) => line.startsWith('{')) ?? '{}');
  }
  const legacyUrl = (url: string) => Object.assign(new URL(url), { password: 'postgres' }).toString();

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'imi-postgres-'));
    // As root the server runs as the postgres user: it must reach its folder.
    chmodSync(stateDir, 0o755);
    env = { ...process.env, STACK_STATE_DIR: stateDir, STACK_POSTGRES_PORT: String(await freePort()) };
  });

  afterAll(() => {
    stack('down', 'postgres');
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('draws the superuser password at first start, keeps it private, and refuses the well-known one', async () => {
    const { databaseUrl } = stack('up', 'postgres');
    const credentialsFile = join(stateDir, 'postgres-credentials.json');
    const { password } = JSON.parse(readFileSync(credentialsFile, 'utf8')) as { password: string };
    expect(statSync(credentialsFile).mode & 0o777).toBe(0o600);
    expect(password).toHaveLength(32);
    expect(new URL(databaseUrl!).password).toBe(password);
    expect(await query(databaseUrl!, 'CREATE TABLE kept AS SELECT 7 AS n')).toEqual({ rows: [] });
    expect(await query(legacyUrl(databaseUrl!), 'SELECT 1')).toEqual({ refused: '28P01' });
  });

  it('comes back with its data after its postmaster is killed', async () => {
    const { databaseUrl } = stack('up', 'postgres');
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const lost = new Promise<string | undefined>((resolve) => client.on('error', (error) => resolve((error as { code?: string }).code)));
    expect(stack('kill', 'postgres')).toMatchObject({ killed: 'postgres' });
    // What the hub and nodes met under the test: the server gone under an open connection.
    expect(await lost).toBe('57P01');
    await client.end().catch(() => undefined);
    expect(await query(databaseUrl!, 'SELECT 1')).toHaveProperty('refused');
    stack('up', 'postgres');
    expect(await query(databaseUrl!, 'SELECT n FROM kept')).toEqual({ rows: [{ n: 7 }] });
  });

  it('moves a data folder that still has the well-known password to a drawn one, keeping its data', async () => {
    const { databaseUrl } = stack('up', 'postgres');
    // A folder as the stack made it before passwords were drawn.
    await query(databaseUrl!, "ALTER ROLE postgres WITH PASSWORD 'postgres'");
    stack('down', 'postgres');
    unlinkSync(join(stateDir, 'postgres-credentials.json'));
    expect(stack('status')).toMatchObject({ endpoints: { databaseUrl: legacyUrl(databaseUrl!) } });

    const migrated = stack('up', 'postgres').databaseUrl!;
    expect(existsSync(join(stateDir, 'postgres-credentials.json'))).toBe(true);
    expect(new URL(migrated).password).not.toBe('postgres');
    expect(new URL(migrated).password).not.toBe(new URL(databaseUrl!).password);
    expect(await query(migrated, 'SELECT n FROM kept')).toEqual({ rows: [{ n: 7 }] });
    expect(await query(legacyUrl(migrated), 'SELECT 1')).toEqual({ refused: '28P01' });
  });
});
