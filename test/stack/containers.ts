import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const stackScript = join(__dirname, '..', '..', 'scripts', 'stack.mjs');

interface DockerConfig {
  /** server.properties, scram-users, cluster-id, admin.properties, postgres-password. */
  dir: string;
  kafkaCredentialsFile: string;
  postgresPasswordFile: string;
}

/**
 * The secured broker's configuration and users from the stack script's `docker-config` (the
 * same code that configures the local stack and docker-compose.yml), in a state folder of this
 * run's own, for a broker reachable from the host on `kafkaPort`.
 */
function dockerConfig(stateDir: string, kafkaPort: number): DockerConfig {
  // A child process, not an import: the stack script is an ES module and jest's loader is CommonJS.
  const result = spawnSync(process.execPath, [stackScript, 'docker-config'], {
    encoding: 'utf8',
    env: { ...process.env, STACK_STATE_DIR: stateDir, STACK_KAFKA_PORT: String(kafkaPort) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`scripts/stack.mjs docker-config failed (exit ${result.status})`);
  return JSON.parse(result.stdout.trim().split('\n').reverse().find((line) => line.startsWith('{')) ?? '{}') as DockerConfig;
}

/**
 * The same topology as docker-compose.yml, started with Testcontainers: apache/kafka (KRaft,
 * SASL/SCRAM users and the StandardAuthorizer, as the local stack), confluentinc/cp-schema-registry,
 * postgres and rabbitmq (passwords drawn for this run), on one private network.
 */
export async function startContainers(): Promise<{ endpoints: StackEndpoints; containers: StartedContainers }> {
  const { GenericContainer, Network, Wait } = await import('testcontainers');
  const kafkaPort = 29092;
  const stateDir = mkdtempSync(join(tmpdir(), 'imi-containers-'));
  const config = dockerConfig(stateDir, kafkaPort);
  const { admin } = JSON.parse(readFileSync(config.kafkaCredentialsFile, 'utf8')) as { admin: { username: string; password: string } };
  const network = await new Network().start();
  const kafka = await new GenericContainer('apache/kafka:4.1.1')
    .withNetwork(network)
    .withNetworkAliases('kafka')
    .withExposedPorts({ container: kafkaPort, host: kafkaPort })
    .withCopyFilesToContainer(['server.properties', 'scram-users', 'cluster-id', 'admin.properties'].map((name) => ({ source: join(config.dir, name), target: `/secured/${name}`, mode: 0o644 })))
    // As docker-compose.yml: the users exist from the first moment (KRaft takes SCRAM credentials at format time).
    .withCommand([
      'bash',
      '-c',
      '/opt/kafka/bin/kafka-storage.sh format -t "$(cat /secured/cluster-id)" -c /secured/server.properties --ignore-formatted $(cat /secured/scram-users)' +
        ' && exec /opt/kafka/bin/kafka-server-start.sh /secured/server.properties',
    ])
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  const registry = await new GenericContainer('confluentinc/cp-schema-registry:7.9.0')
    .withNetwork(network)
    .withExposedPorts(8081)
    .withEnvironment({
      SCHEMA_REGISTRY_HOST_NAME: 'schema-registry',
      SCHEMA_REGISTRY_LISTENERS: 'http://0.0.0.0:8081',
      SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: 'SASL_PLAINTEXT://kafka:9092',
      SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
      SCHEMA_REGISTRY_KAFKASTORE_SASL_MECHANISM: 'SCRAM-SHA-512',
      SCHEMA_REGISTRY_KAFKASTORE_SASL_JAAS_CONFIG: `org.apache.kafka.common.security.scram.ScramLoginModule required username="${admin.username}" password="${admin.password}";`,
    })
    .withWaitStrategy(Wait.forHttp('/subjects', 8081))
    .start();
  const rabbitmqAdmin = { username: 'admin', password: randomBytes(18).toString('base64url') };
  const rabbitmq = await new GenericContainer('rabbitmq:3.13-management')
    .withExposedPorts(5672, 15672)
    .withEnvironment({ RABBITMQ_DEFAULT_USER: rabbitmqAdmin.username, RABBITMQ_DEFAULT_PASS: rabbitmqAdmin.password })
    .withWaitStrategy(Wait.forLogMessage(/Server startup complete/))
    .start();
  const postgresPassword = readFileSync(config.postgresPasswordFile, 'utf8').trim();
  const postgres = await new GenericContainer('postgres:17')
    .withExposedPorts(5432)
    .withEnvironment({ POSTGRES_PASSWORD: postgresPassword })
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  const credentials = (user: { username: string; password: string }) => `${encodeURIComponent(user.username)}:${encodeURIComponent(user.password)}`;
  return {
    endpoints: {
      kafkaBrokers: [`127.0.0.1:${kafkaPort}`],
      kafkaCredentialsFile: config.kafkaCredentialsFile,
      schemaRegistryUrl: `http://${registry.getHost()}:${registry.getMappedPort(8081)}`,
      databaseUrl: `postgres://${credentials({ username: 'postgres', password: postgresPassword })}@${postgres.getHost()}:${postgres.getMappedPort(5432)}/postgres`,
      amqpUrl: `amqp://${credentials(rabbitmqAdmin)}@${rabbitmq.getHost()}:${rabbitmq.getMappedPort(5672)}`,
      amqpManagementUrl: `http://${credentials(rabbitmqAdmin)}@${rabbitmq.getHost()}:${rabbitmq.getMappedPort(15672)}`,
    },
    containers: {
      async stop() {
        await Promise.all([registry.stop(), postgres.stop(), rabbitmq.stop()]);
        await kafka.stop();
        await network.stop();
        rmSync(stateDir, { recursive: true, force: true });
      },
    },
  };
}
