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
  /** The address the HTTP API listens on (`HTTP_HOST`): loopback unless set, 0.0.0.0 in a container. */
  httpHost: string;
  /** Names this hub instance in logs and Kafka client ids; several instances may run at once. */
  instanceId: string;
  /** How long the router's consumer group waits for a silent instance before moving its partitions. */
  routerSessionTimeoutMs: number;
  /**
   * Partitions of the topics the hub creates when missing (`hub.ingress`, each `node.CC.inbox`):
   * ingress partitions bound how many hub instances route at once; each partition also commits
   * its own transactions, which at moderate load costs CPU and latency (README, Benchmark).
   */
  ingressPartitions: number;
  inboxPartitions: number;
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
    httpHost: env.HTTP_HOST || '127.0.0.1',
    instanceId: env.HUB_INSTANCE_ID ?? '1',
    routerSessionTimeoutMs: sessionTimeout(env.HUB_ROUTER_SESSION_TIMEOUT_MS),
    ingressPartitions: partitions('HUB_INGRESS_PARTITIONS', env.HUB_INGRESS_PARTITIONS),
    inboxPartitions: partitions('HUB_INBOX_PARTITIONS', env.HUB_INBOX_PARTITIONS),
  };
}

/** 3 unless set; an existing topic keeps its partitions (Kafka cannot take them away). */
function partitions(name: string, value: string | undefined): number {
  if (value === undefined || value === '') return 3;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new KeyError(`${name} must be a whole number from 1 to 1000, not ${value}`);
  return n;
}

/** Kafka's brokers accept 6 s to 30 min by default (group.min/max.session.timeout.ms); 10 s unless set. */
function sessionTimeout(value: string | undefined): number {
  if (value === undefined || value === '') return 10_000;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 6_000 || ms > 1_800_000) throw new KeyError(`HUB_ROUTER_SESSION_TIMEOUT_MS must be a whole number of milliseconds from 6000 to 1800000, not ${value}`);
  return ms;
}
