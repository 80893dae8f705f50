import { dockerReachable, startContainers, type StartedContainers } from './containers';
import type { StackEndpoints } from './endpoints';
import { localStackRunning, startLocalRabbitmq, startLocalStack } from './local-stack';

/** Handed to global-teardown through the jest parent process's globals. */
export interface StackOwnership {
  containers?: StartedContainers;
  localStackStartedHere?: boolean;
}
declare global {
  // eslint-disable-next-line no-var
  var __imiStack: StackOwnership | undefined;
}

function useEndpoints(endpoints: StackEndpoints, source: string): void {
  process.env.KAFKA_BROKERS = endpoints.kafkaBrokers.join(',');
  process.env.SCHEMA_REGISTRY_URL = endpoints.schemaRegistryUrl;
  process.env.DATABASE_URL = endpoints.databaseUrl;
  if (endpoints.kafkaCredentialsFile) process.env.KAFKA_CREDENTIALS_FILE = endpoints.kafkaCredentialsFile;
  if (!process.env.AMQP_URL && endpoints.amqpUrl) process.env.AMQP_URL = endpoints.amqpUrl;
  if (!process.env.AMQP_MANAGEMENT_URL && endpoints.amqpManagementUrl) process.env.AMQP_MANAGEMENT_URL = endpoints.amqpManagementUrl;
  process.stderr.write(`\n[test stack] ${source}: Kafka ${process.env.KAFKA_BROKERS}, registry ${endpoints.schemaRegistryUrl}\n`);
}

/**
 * Real infrastructure for the integration tests, in this order of preference:
 * 1. endpoints given in the environment (KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL, and
 *    KAFKA_CREDENTIALS_FILE for a secured broker; AMQP_URL and AMQP_MANAGEMENT_URL for RabbitMQ,
 *    an administrator's, the local stack's RabbitMQ when they are not given), used as they are;
 * 2. Testcontainers, when a Docker engine is reachable;
 * 3. the local stack of scripts/stack.mjs (Kafka and Apicurio from Maven Central, embedded Postgres).
 * Never an in-memory stand-in.
 */
export default async function globalSetup(): Promise<void> {
  const { KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL } = process.env;
  if (KAFKA_BROKERS && SCHEMA_REGISTRY_URL && DATABASE_URL) {
    process.stderr.write('\n[test stack] using the endpoints given in the environment\n');
    if (!process.env.AMQP_URL) {
      const amqp = startLocalRabbitmq();
      process.env.AMQP_URL = amqp.amqpUrl;
      process.env.AMQP_MANAGEMENT_URL = amqp.amqpManagementUrl;
    }
    return;
  }
  if (await dockerReachable()) {
    const { endpoints, containers } = await startContainers();
    globalThis.__imiStack = { containers };
    useEndpoints(endpoints, 'Testcontainers');
    return;
  }
  const wasRunning = localStackRunning();
  useEndpoints(startLocalStack(), wasRunning ? 'local stack (already running)' : 'local stack');
  globalThis.__imiStack = { localStackStartedHere: !wasRunning };
}
