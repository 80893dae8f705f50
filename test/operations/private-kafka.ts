import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../stack/free-port';

const script = join(__dirname, '..', '..', 'scripts', 'stack.mjs');

/**
 * A Kafka broker of one test file's own, from the same stack script (KRaft, SASL/SCRAM users and
 * ACLs as the local stack has them), in a state folder and on ports of its own: the test may kill
 * and restart it without touching the broker other tests and the default stack use.
 */
export class PrivateKafka {
  private constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly stateDir: string,
    readonly brokers: string[],
    /** Its users (admin, hub, one per node), as scripts/stack.mjs draws them. */
    readonly credentialsFile: string,
  ) {}

  static async start(): Promise<PrivateKafka> {
    const stateDir = mkdtempSync(join(tmpdir(), 'imi-kafka-'));
    chmodSync(stateDir, 0o755);
    // Every port of the stack is a free one, though only Kafka runs: nothing can land on the default stack's.
    const env = {
      ...process.env,
      STACK_STATE_DIR: stateDir,
      STACK_KAFKA_PORT: String(await freePort()),
      STACK_CONTROLLER_PORT: String(await freePort()),
      STACK_REGISTRY_PORT: String(await freePort()),
      STACK_POSTGRES_PORT: String(await freePort()),
      STACK_AMQP_PORT: String(await freePort()),
      STACK_AMQP_MANAGEMENT_PORT: String(await freePort()),
    };
    const endpoints = JSON.parse(lastJsonLine(await run(env, 'up', 'kafka'))) as { kafkaBrokers: string; kafkaCredentialsFile: string };
    return new PrivateKafka(env, stateDir, endpoints.kafkaBrokers.split(','), endpoints.kafkaCredentialsFile);
  }

  /** SIGKILL of the broker, as a crash or a pulled plug would stop it. */
  async kill(): Promise<void> {
    await run(this.env, 'kill', 'kafka');
  }

  /** Starts it again on the same data and ports, and waits until it answers. */
  async restart(): Promise<void> {
    await run(this.env, 'up', 'kafka');
  }

  async remove(): Promise<void> {
    await run(this.env, 'down').catch(() => undefined);
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}

/** The stack script in a child process (never blocking this one: the apps under test run in it too). */
function run(env: NodeJS.ProcessEnv, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`scripts/stack.mjs ${args.join(' ')} failed (${code}): ${err.slice(-1500)}`))));
  });
}

function lastJsonLine(out: string): string {
  return out.trim().split('\n').reverse().find((line) => line.startsWith('{')) ?? '{}';
}
