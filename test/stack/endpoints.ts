import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { KafkaCredentials, kafkaUserFromFile } from '@imi/messaging';

export interface StackEndpoints {
  kafkaBrokers: string[];
  schemaRegistryUrl: string;
  databaseUrl: string;
  /** The local stack's Kafka users (SASL/SCRAM); absent for an unsecured broker. */
  kafkaCredentialsFile?: string;
  /** RabbitMQ, for the back-office bridge: the administrator's AMQP and management API URLs (credentials inside). */
  amqpUrl?: string;
  amqpManagementUrl?: string;
}

/** The endpoints global-setup put in the environment for the test workers. */
export function stackEndpoints(): StackEndpoints {
  const { KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL, KAFKA_CREDENTIALS_FILE, AMQP_URL, AMQP_MANAGEMENT_URL } = process.env;
  if (!KAFKA_BROKERS || !SCHEMA_REGISTRY_URL || !DATABASE_URL) throw new Error('stack endpoints are not set: run through jest (global-setup)');
  return {
    kafkaBrokers: KAFKA_BROKERS.split(','), schemaRegistryUrl: SCHEMA_REGISTRY_URL, databaseUrl: DATABASE_URL, kafkaCredentialsFile: KAFKA_CREDENTIALS_FILE || undefined,
    amqpUrl: AMQP_URL || undefined, amqpManagementUrl: AMQP_MANAGEMENT_URL || undefined,
  };
}

/**
 * The Kafka credentials of one of the stack's users: `admin` (the operator, for test
 * assertions and forgeries), `hub`, or a node by its country code. None on an unsecured broker.
 */
export function kafkaCredentials(user: string): KafkaCredentials | undefined {
  const file = stackEndpoints().kafkaCredentialsFile;
  return file ? kafkaUserFromFile(file, user) : undefined;
}

export function uniqueId(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** A fresh, uniquely named database on the stack's server (or the one `serverUrl` names); returns its URL. */
export async function createDatabase(prefix: string, serverUrl = stackEndpoints().databaseUrl): Promise<string> {
  const name = uniqueId(`${prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_`);
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
