import { findSchemasDir, KeyError } from '@imi/envelope';
import { KafkaCredentials, kafkaCredentialsFromEnv } from '@imi/messaging';

/** Everything the hub reads from its environment, validated once at boot. */
export interface HubConfig {
  databaseUrl: string;
  kafkaBrokers: string[];
  /** SASL/SCRAM credentials of this process's Kafka user; none on an unsecured broker. */
  kafkaCredentials?: KafkaCredentials;
  schemaRegistryUrl: string;
  topicPrefix: string;
  /** Folder holding the hub key set (private.json), outside git. */
  keysDir: string;
  schemasDir: string;
  httpPort: number;
  /** Distinguishes router instances' transactional ids. */
  instanceId: string;
}

export function hubConfigFromEnv(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const need = (name: string): string => {
    const value = env[name];
    if (!value) throw new KeyError(`environment variable ${name} is required`);
    return value;
  };
  return {
    databaseUrl: need('DATABASE_URL'),
    kafkaBrokers: need('KAFKA_BROKERS').split(','),
    kafkaCredentials: kafkaCredentialsFromEnv(env),
    schemaRegistryUrl: need('SCHEMA_REGISTRY_URL'),
    topicPrefix: env.TOPIC_PREFIX ?? '',
    keysDir: need('HUB_KEYS_DIR'),
    schemasDir: env.SCHEMAS_DIR ?? findSchemasDir(),
    httpPort: Number(env.PORT ?? 3000),
    instanceId: env.HUB_INSTANCE_ID ?? '1',
  };
}
