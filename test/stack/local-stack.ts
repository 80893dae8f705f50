import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackEndpoints } from './endpoints';

const script = join(__dirname, '..', '..', 'scripts', 'stack.mjs');

function stack(command: 'up' | 'down' | 'status', ...components: string[]): string {
  // A child process, not an import: the stack script is an ES module and jest's loader is CommonJS.
  const result = spawnSync(process.execPath, [script, command, ...components], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`scripts/stack.mjs ${command} failed (exit ${result.status})`);
  // The last JSON line: tools the script runs may write to stdout before it.
  return result.stdout.trim().split('\n').reverse().find((line) => line.startsWith('{')) ?? '{}';
}

/** True when every component of the local stack is already running. */
export function localStackRunning(): boolean {
  const { running } = JSON.parse(stack('status')) as { running: Record<string, number | null> };
  return Object.values(running).every((pid) => pid !== null);
}

interface LocalEndpoints {
  kafkaBrokers: string;
  schemaRegistryUrl: string;
  databaseUrl: string;
  kafkaCredentialsFile: string;
  amqpUrl: string;
  amqpManagementUrl: string;
  amqpCredentialsFile: string;
}

/** Starts the local stack (Kafka, Apicurio, Postgres from Maven Central / npm, RabbitMQ from Debian) and returns its endpoints. */
export function startLocalStack(): StackEndpoints {
  const endpoints = JSON.parse(stack('up')) as LocalEndpoints;
  return { ...endpoints, kafkaBrokers: endpoints.kafkaBrokers.split(','), ...amqpAdmin(endpoints) };
}

/** Only the local RabbitMQ, for endpoints given in the environment without AMQP_URL. */
export function startLocalRabbitmq(): Pick<StackEndpoints, 'amqpUrl' | 'amqpManagementUrl'> {
  return amqpAdmin(JSON.parse(stack('up', 'rabbitmq')) as LocalEndpoints);
}

/** The URLs with the stack's RabbitMQ administrator in them. */
function amqpAdmin(endpoints: LocalEndpoints): Pick<StackEndpoints, 'amqpUrl' | 'amqpManagementUrl'> {
  const { admin } = JSON.parse(readFileSync(endpoints.amqpCredentialsFile, 'utf8')) as { admin: { username: string; password: string } };
  const withAdmin = (raw: string) => {
    const url = new URL(raw);
    url.username = encodeURIComponent(admin.username);
    url.password = encodeURIComponent(admin.password);
    return url.toString().replace(/\/$/, '');
  };
  return { amqpUrl: withAdmin(endpoints.amqpUrl), amqpManagementUrl: withAdmin(endpoints.amqpManagementUrl) };
}

export function stopLocalStack(): void {
  stack('down');
}
