import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The chaos run's own infrastructure: scripts/stack.mjs with a state folder and ports of its own. */
export interface ChaosStackOptions {
  stateDir: string;
  /** First of the ports the stack takes (Kafka, controller, registry, Postgres, …); far from the default stack's. */
  basePort: number;
  brokers: number;
  /** A schema registry to share (the test stack's); otherwise this stack starts one of its own. */
  schemaRegistryUrl?: string;
}

export interface ChaosEndpoints {
  kafkaBrokers: string;
  kafkaCredentialsFile: string;
  schemaRegistryUrl: string;
  databaseUrl: string;
}

/** What can be killed: a broker (`kafka`, or `kafka-1`… on a cluster) or the database server; `up` restarts what is missing. */
export type StackComponent = string;

const root = join(__dirname, '..', '..');
const script = join(root, 'scripts', 'stack.mjs');

export class ChaosStack {
  endpoints!: ChaosEndpoints;

  constructor(readonly options: ChaosStackOptions) {}

  private get env(): Record<string, string> {
    const p = this.options.basePort;
    return {
      STACK_STATE_DIR: this.options.stateDir,
      STACK_KAFKA_PORT: String(p),
      STACK_CONTROLLER_PORT: String(p + 1),
      STACK_REGISTRY_PORT: String(p + 2),
      STACK_POSTGRES_PORT: String(p + 3),
      STACK_AMQP_PORT: String(p + 4),
      STACK_AMQP_MANAGEMENT_PORT: String(p + 5),
    };
  }

  private get components(): string[] {
    return this.options.schemaRegistryUrl ? ['kafka', 'postgres'] : ['kafka', 'registry', 'postgres'];
  }

  private get brokerArgs(): string[] {
    return this.options.brokers > 1 ? ['--brokers', String(this.options.brokers)] : [];
  }

  /** Starts what is not running (all of it, or only `components`), and waits until each answers. */
  async up(components = this.components): Promise<ChaosEndpoints> {
    const out = await this.stack('up', ...components, ...(components.includes('kafka') ? this.brokerArgs : []));
    const line = out.trim().split('\n').reverse().find((l) => l.startsWith('{'));
    if (line) {
      const given = JSON.parse(line) as ChaosEndpoints;
      if (!this.endpoints || given.databaseUrl) {
        this.endpoints = {
          kafkaBrokers: given.kafkaBrokers, kafkaCredentialsFile: given.kafkaCredentialsFile, databaseUrl: given.databaseUrl,
          schemaRegistryUrl: this.options.schemaRegistryUrl ?? given.schemaRegistryUrl,
        };
      }
    }
    return this.endpoints;
  }

  /** SIGKILL of one component, as a crash or a pulled plug would stop it. */
  async kill(component: StackComponent): Promise<void> {
    await this.stack('kill', component);
  }

  /** The broker components and the KRaft node id each runs as. */
  async brokers(): Promise<{ component: string; nodeId: number }[]> {
    const status = JSON.parse(lastJson(await this.stack('status'))) as { kafka: { nodes: { component: string; nodeId: number }[] } };
    return status.kafka.nodes.map(({ component, nodeId }) => ({ component, nodeId }));
  }

  async down(): Promise<void> {
    await this.stack('down');
  }

  /** The stack script in a child process: it reads its ports and state folder once, from the environment. */
  private stack(command: string, ...args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [script, command, ...args], { cwd: root, env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`stack ${command} ${args.join(' ')} failed (${code}): ${err.slice(-1500)}`))));
    });
  }
}

function lastJson(out: string): string {
  return out.trim().split('\n').reverse().find((l) => l.startsWith('{')) ?? '{}';
}
