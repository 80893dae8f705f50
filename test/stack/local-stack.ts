import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { StackEndpoints } from './endpoints';

const script = join(__dirname, '..', '..', 'scripts', 'stack.mjs');

function stack(command: 'up' | 'down' | 'status'): string {
  // A child process, not an import: the stack script is an ES module and jest's loader is CommonJS.
  const result = spawnSync(process.execPath, [script, command], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`scripts/stack.mjs ${command} failed (exit ${result.status})`);
  // The last JSON line: tools the script runs may write to stdout before it.
  return result.stdout.trim().split('\n').reverse().find((line) => line.startsWith('{')) ?? '{}';
}

/** True when every component of the local stack is already running. */
export function localStackRunning(): boolean {
  const { running } = JSON.parse(stack('status')) as { running: Record<string, number | null> };
  return Object.values(running).every((pid) => pid !== null);
}

/** Starts the local stack (Kafka, Apicurio, Postgres from Maven Central / npm) and returns its endpoints. */
export function startLocalStack(): StackEndpoints {
  const endpoints = JSON.parse(stack('up')) as { kafkaBrokers: string; schemaRegistryUrl: string; databaseUrl: string; kafkaCredentialsFile: string };
  return { ...endpoints, kafkaBrokers: endpoints.kafkaBrokers.split(',') };
}

export function stopLocalStack(): void {
  stack('down');
}
