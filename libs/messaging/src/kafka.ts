import { Admin, ConfigResourceTypes, Consumer, Kafka, logLevel, LogEntry, Partitioners, Producer, ProducerConfig, SASLOptions } from 'kafkajs';
import { processLogger } from '@imi/logging';
import type { KafkaCredentials } from './kafka-access';
import type { SealedTopicRetention } from './topics';
import { topicReplication } from './topic-replication';

/**
 * kafkajs client whose log lines carry kafkajs' own context only (broker, topic, error
 * text), as JSON lines of the process's logger. kafkajs never logs message values; keeping its
 * level at WARN keeps noise down.
 * With credentials it authenticates with SASL/SCRAM; the broker's ACLs decide what it may touch.
 */
export function createKafka(brokers: string[], clientId: string, credentials?: KafkaCredentials): Kafka {
  return new Kafka({
    clientId,
    brokers,
    // SASL/SCRAM: the password never crosses the wire (salted challenge-response).
    sasl: credentials ? ({ mechanism: credentials.mechanism, username: credentials.username, password: credentials.password } as SASLOptions) : undefined,
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, error, broker, topic } = entry.log as Record<string, unknown>;
      // Error responses the client retries (coordinator loading or moving) are routine.
      if (entry.namespace === 'Connection' && String(message).startsWith('Response ')) return;
      if (isRoutineTransactionRetry(entry)) return;
      const fields = { component: 'kafka', clientId, namespace: entry.namespace, ...(error ? { error: String(error) } : {}), ...(broker ? { broker } : {}), ...(topic ? { topic } : {}) };
      processLogger()[entry.level === logLevel.ERROR ? 'error' : 'warn'](fields, String(message));
    },
    retry: { retries: 8, initialRetryTime: 100 },
  });
}

/**
 * An idempotent producer: the broker drops a retried duplicate, and retries are unbounded as
 * exactly-once needs (a transactional id makes it transactional too).
 */
export function idempotentProducer(kafka: Kafka, config: Pick<ProducerConfig, 'transactionalId'> = {}): Producer {
  return kafka.producer({
    ...config,
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    // A transaction's first send often meets CONCURRENT_TRANSACTIONS (the coordinator still writes
    // the previous commit's markers, a few ms): retried after 20 ms, as Kafka's Java client does, not 100.
    retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 5_000, ...(config.transactionalId ? { initialRetryTime: 20 } : {}) },
  });
}

/** kafkajs' text for CONCURRENT_TRANSACTIONS (it logs the text, not the code). */
const CONCURRENT_TRANSACTIONS = 'another concurrent operation on the same transaction was ongoing';

/**
 * kafkajs logs, as an error, each retry of a send the transaction coordinator answered with
 * CONCURRENT_TRANSACTIONS: an expected answer while the previous transaction's commit completes.
 * The first few retries are routine; a longer run is logged, as it would mean a stuck transaction.
 */
function isRoutineTransactionRetry(entry: LogEntry): boolean {
  const { message, retryCount } = entry.log as { message?: unknown; retryCount?: unknown };
  return entry.namespace === 'Producer' && String(message).includes(CONCURRENT_TRANSACTIONS) && typeof retryCount === 'number' && retryCount < 10;
}

export interface TopicSpec {
  topic: string;
  partitions?: number;
  compacted?: boolean;
  /** Carries sealed message bodies: kept only as long as `sealedTopicRetention` says. */
  sealed?: SealedTopicRetention;
}

function configEntries(spec: TopicSpec): { name: string; value: string }[] {
  if (spec.compacted) return [{ name: 'cleanup.policy', value: 'compact' }];
  if (spec.sealed) return [{ name: 'retention.ms', value: String(spec.sealed.retentionMs) }, { name: 'segment.ms', value: String(spec.sealed.segmentMs) }];
  return [];
}

/**
 * Creates missing topics: on a cluster of three live brokers or more with three replicas and
 * min.insync.replicas=2 (topicReplication), else with the broker's default. An existing topic
 * that carries sealed bodies gets its retention set when it differs (a network upgraded from
 * before the retention was set); others are left as they are.
 */
export async function ensureTopics(admin: Admin, specs: TopicSpec[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !existing.has(s.topic));
  if (missing.length > 0) {
    const replication = topicReplication((await admin.describeCluster()).brokers.length);
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((s) => ({
        topic: s.topic,
        numPartitions: s.partitions ?? 3,
        replicationFactor: replication.replicationFactor,
        configEntries: [...configEntries(s), ...replication.configEntries],
      })),
    });
  }
  const sealed = specs.filter((s) => s.sealed && existing.has(s.topic));
  if (sealed.length === 0) return;
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: sealed.map((s) => ({ type: ConfigResourceTypes.TOPIC, name: s.topic, configNames: ['retention.ms', 'segment.ms'] })),
  });
  const stale = sealed.filter((spec) => {
    const entries = resources.find((r) => r.resourceName === spec.topic)?.configEntries ?? [];
    return configEntries(spec).some((want) => entries.find((e) => e.configName === want.name)?.configValue !== want.value);
  });
  if (stale.length === 0) return;
  await admin.alterConfigs({
    validateOnly: false,
    resources: stale.map((s) => ({ type: ConfigResourceTypes.TOPIC, name: s.topic, configEntries: configEntries(s) })),
  });
}

/**
 * Subscribes once the broker lets this client read the topic. The hub creates a node's topics
 * and grants its ACLs when a trust list first names the node, moments after the operator
 * registered it: a node started at once waits for that instead of failing. Gives up after
 * `timeoutMs` with the broker's error.
 */
export async function subscribeWhenAllowed(
  consumer: Consumer,
  subscription: { topic: string; fromBeginning: boolean },
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await consumer.subscribe(subscription);
    } catch (error) {
      const type = (error as { type?: string }).type;
      const notYet = type === 'TOPIC_AUTHORIZATION_FAILED' || type === 'UNKNOWN_TOPIC_OR_PARTITION';
      if (!notYet || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
