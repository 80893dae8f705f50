import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

const script = join(__dirname, '..', '..', 'scripts', 'stack.mjs');


/**
 * A RabbitMQ of one test file's own, from the same stack script (Debian's rabbitmq-server),
 * in a state folder and on ports of its own: a test may stop and start it without touching
 * the broker other tests use.
 */
export class PrivateRabbitmq {
  private constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly stateDir: string,
    readonly amqpUrl: string,
    readonly amqpManagementUrl: string,
  ) {}

  static async start(): Promise<PrivateRabbitmq> {
    const stateDir = mkdtempSync(join(tmpdir(), 'imi-rabbitmq-'));
    // The broker runs as the rabbitmq user when started as root: it must reach its folder.
    chmodSync(stateDir, 0o755);
    let amqp = await freePort();
    // The Erlang distribution port is the AMQP port + 20000.
    while (amqp + 20000 > 65535) amqp = await freePort();
    const env = { ...process.env, STACK_STATE_DIR: stateDir, STACK_AMQP_PORT: String(amqp), STACK_AMQP_MANAGEMENT_PORT: String(await freePort()) };
    const broker = new PrivateRabbitmq(env, stateDir, '', '');
    const endpoints = broker.run('up');
    const { admin } = JSON.parse(readFileSync(endpoints.amqpCredentialsFile, 'utf8')) as { admin: { username: string; password: string } };
    const withAdmin = (raw: string) => {
      const url = new URL(raw);
      url.username = admin.username;
      url.password = admin.password;
      return url.toString().replace(/\/$/, '');
    };
    return new PrivateRabbitmq(env, stateDir, withAdmin(endpoints.amqpUrl), withAdmin(endpoints.amqpManagementUrl));
  }

  private run(command: 'up' | 'down'): { amqpCredentialsFile: string; amqpUrl: string; amqpManagementUrl: string } {
    const result = spawnSync(process.execPath, [script, command, 'rabbitmq'], { encoding: 'utf8', env: this.env, stdio: ['ignore', 'pipe', 'inherit'] });
    if (result.status !== 0) throw new Error(`scripts/stack.mjs ${command} rabbitmq failed (exit ${result.status})`);
    return JSON.parse(result.stdout.trim().split('\n').reverse().find((line) => line.startsWith('{')) ?? '{}');
  }

  /** Stops the broker (SIGTERM: a clean shutdown), keeping its data. */
  stop(): void {
    this.run('down');
  }

  /**
   * Starts it again on the same data and ports. Its Erlang distribution port (AMQP + 20000) lies
   * in the ephemeral range, where an outgoing connection may hold it for a moment after the stop
   * (a clean-clone CI run once saw the broker exit at start): a start that fails is tried again.
   */
  restart(): void {
    for (let attempt = 1; ; attempt++) {
      try {
        this.run('up');
        return;
      } catch (error) {
        if (attempt === 3) throw error;
        spawnSync('sleep', ['3']);
      }
    }
  }

  remove(): void {
    this.run('down');
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}
