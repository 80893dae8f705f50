import { existsSync } from 'node:fs';
import type { StackEndpoints } from './endpoints';

/** What global-teardown has to stop. */
export interface StartedContainers {
  stop(): Promise<void>;
}

/** A Docker engine answers: DOCKER_HOST is set or the default socket exists, and the client connects. */
export async function dockerReachable(): Promise<boolean> {
  if (!process.env.DOCKER_HOST && !existsSync('/var/run/docker.sock')) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/**
 * The same topology as docker-compose.yml, started with Testcontainers: apache/kafka (KRaft),
 * confluentinc/cp-schema-registry, postgres and rabbitmq, on one private network.
 */
export async function startContainers(): Promise<{ endpoints: StackEndpoints; containers: StartedContainers }> {
  const { GenericContainer, Network, Wait } = await import('testcontainers');
  const network = await new Network().start();
  const kafkaPort = 29092;
  const kafka = await new GenericContainer('apache/kafka:4.1.1')
    .withNetwork(network)
    .withNetworkAliases('kafka')
    .withExposedPorts({ container: kafkaPort, host: kafkaPort })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@kafka:9093',
      KAFKA_LISTENERS: `INTERNAL://:9092,CONTROLLER://:9093,EXTERNAL://:${kafkaPort}`,
      KAFKA_ADVERTISED_LISTENERS: `INTERNAL://kafka:9092,EXTERNAL://localhost:${kafkaPort}`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL:PLAINTEXT',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'INTERNAL',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  const registry = await new GenericContainer('confluentinc/cp-schema-registry:7.9.0')
    .withNetwork(network)
    .withExposedPorts(8081)
    .withEnvironment({
      SCHEMA_REGISTRY_HOST_NAME: 'schema-registry',
      SCHEMA_REGISTRY_LISTENERS: 'http://0.0.0.0:8081',
      SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: 'PLAINTEXT://kafka:9092',
    })
    .withWaitStrategy(Wait.forHttp('/subjects', 8081))
    .start();
  const rabbitmq = await new GenericContainer('rabbitmq:3.13-management')
    .withExposedPorts(5672, 15672)
    .withEnvironment({ RABBITMQ_DEFAULT_USER: 'admin', RABBITMQ_DEFAULT_PASS: 'admin' })
    .withWaitStrategy(Wait.forLogMessage(/Server startup complete/))
    .start();
  const postgres = await new GenericContainer('postgres:17')
    .withExposedPorts(5432)
    .withEnvironment({ POSTGRES_PASSWORD: 'postgres' })
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  return {
    endpoints: {
      kafkaBrokers: [`localhost:${kafkaPort}`],
      schemaRegistryUrl: `http://${registry.getHost()}:${registry.getMappedPort(8081)}`,
      databaseUrl: `postgres://postgres:postgres@${postgres.getHost()}:${postgres.getMappedPort(5432)}/postgres`,
      amqpUrl: `amqp://admin:admin@${rabbitmq.getHost()}:${rabbitmq.getMappedPort(5672)}`,
      amqpManagementUrl: `http://admin:admin@${rabbitmq.getHost()}:${rabbitmq.getMappedPort(15672)}`,
    },
    containers: {
      async stop() {
        await Promise.all([registry.stop(), postgres.stop(), rabbitmq.stop()]);
        await kafka.stop();
        await network.stop();
      },
    },
  };
}
