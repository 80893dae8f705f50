import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSchemasDir, publicKeySet } from '@imi/envelope';
import { KafkaCredentials } from '@imi/messaging';
import { Database, migrate } from '@imi/persistence';
import { hubConfigFromEnv, HubConfig } from '../../apps/hub/src/config';
import { HubModule } from '../../apps/hub/src/hub.module';
import { ensureKeys, NetworkPlan, provision } from '../../apps/hub/src/operator/provision';
import { createNodeApp } from '../../apps/node/src/app';
import '../../apps/node/src/back-office/back-office.config';
import { RabbitmqManagement, setUpNodeVhost } from '../../apps/node/src/back-office/rabbitmq-management';
import { NodeConfig } from '../../apps/node/src/config';
import { createDatabase, kafkaCredentials, stackEndpoints, uniqueId } from '../stack/endpoints';

const kafkaUserEnv = (credentials: KafkaCredentials | undefined) =>
  credentials ? { KAFKA_USERNAME: credentials.username, KAFKA_PASSWORD: credentials.password, KAFKA_SASL_MECHANISM: credentials.mechanism } : {};

export interface RunningNode {
  country: string;
  config: NodeConfig;
  app: INestApplication | null;
  url: string;
  /** Direct access to the node's own database, for assertions only. */
  db: Database;
  /** The node's RabbitMQ vhost when it runs the back-office bridge. */
  amqpVhost?: string;
}

export interface NetworkOptions {
  /** How often each node checkpoints its audit chain at the hub. */
  auditCheckpointIntervalMs?: number;
  /** Each node runs its back-office bridge, on a vhost of its own on the stack's RabbitMQ (or this broker's). */
  backOffice?: boolean | { amqpUrl: string; amqpManagementUrl: string };
  /** How soon the hub router's group moves a silent hub instance's partitions (HUB_ROUTER_SESSION_TIMEOUT_MS). */
  hubRouterSessionTimeoutMs?: number;
  /** The Postgres server for the hub's and nodes' databases (a superuser's URL): the stack's unless given. */
  databaseServerUrl?: string;
}

/**
 * A whole network in this process: the hub and one app per node, each with its own
 * database, on the real Kafka, registry and Postgres of the stack, under a topic prefix of
 * their own so test files never see each other's messages.
 */
export class TestNetwork {
  readonly nodes = new Map<string, RunningNode>();
  hub: INestApplication | null = null;
  hubDb!: Database;
  hubConfig!: HubConfig;
  /** The hub's environment: another hub instance starts with it and a HUB_INSTANCE_ID of its own. */
  hubEnv!: Record<string, string | undefined>;

  private constructor(
    readonly prefix: string,
    readonly keysRoot: string,
    private readonly options: NetworkOptions,
  ) {}

  static async start(plan: NetworkPlan, options: NetworkOptions = {}): Promise<TestNetwork> {
    const endpoints = stackEndpoints();
    const network = new TestNetwork(`${uniqueId('t')}.`, mkdtempSync(join(tmpdir(), 'imi-keys-')), options);
    const hubKeys = ensureKeys(join(network.keysRoot, 'hub'), 'HUB');
    writeFileSync(join(network.keysRoot, 'hub', 'public.json'), JSON.stringify(publicKeySet(hubKeys)));
    const hubDbUrl = await createDatabase('hub', options.databaseServerUrl);
    network.hubDb = Database.connect(hubDbUrl, 2);
    await migrate(network.hubDb, join(__dirname, '../../apps/hub/migrations'));
    await provision(network.hubDb, plan, network.keysRoot);
    network.hubEnv = {
      DATABASE_URL: hubDbUrl,
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
      TOPIC_PREFIX: network.prefix,
      HUB_KEYS_DIR: join(network.keysRoot, 'hub'),
      ...(options.hubRouterSessionTimeoutMs ? { HUB_ROUTER_SESSION_TIMEOUT_MS: String(options.hubRouterSessionTimeoutMs) } : {}),
      ...kafkaUserEnv(kafkaCredentials('hub')),
    };
    network.hubConfig = hubConfigFromEnv({ ...network.hubEnv, HUB_INSTANCE_ID: '1' });
    network.hub = await NestFactory.create(HubModule.forRoot(network.hubConfig), { logger: ['error'] });
    await network.hub.init();
    for (const node of plan.nodes) await network.addNode(node.code);
    return network;
  }

  /** Starts a node registered at the hub (its keys in `<keysRoot>/<CC>`), with a database of its own. */
  async addNode(code: string): Promise<RunningNode> {
    const endpoints = stackEndpoints();
    const hubPublicKey = publicKeySet(ensureKeys(join(this.keysRoot, 'hub'), 'HUB')).signing;
    const config: NodeConfig = {
      country: code,
      databaseUrl: await createDatabase(`node_${code.toLowerCase()}`, this.options.databaseServerUrl),
      kafkaBrokers: endpoints.kafkaBrokers,
      kafkaCredentials: kafkaCredentials(code),
      schemaRegistryUrl: endpoints.schemaRegistryUrl,
      topicPrefix: this.prefix,
      keysDir: join(this.keysRoot, code),
      hubPublicKey,
      schemasDir: findSchemasDir(),
      httpPort: 0,
      httpHost: '127.0.0.1',
      // An hour unless a flow asks: a checkpoint every minute would add messages to flows that count them.
      auditCheckpointIntervalMs: this.options.auditCheckpointIntervalMs ?? 3_600_000,
    };
    const amqpVhost = this.options.backOffice ? await this.backOfficeVhost(code, config) : undefined;
    this.nodes.set(code, { country: code, config, app: null, url: '', db: Database.connect(config.databaseUrl, 2), amqpVhost });
    await this.startNode(code);
    return this.node(code);
  }

  /** The broker the nodes' bridges use: the stack's, or the one the options name. */
  amqpBroker(): { amqpUrl: string; amqpManagementUrl: string } {
    const given = this.options.backOffice;
    if (typeof given === 'object') return given;
    const { amqpUrl, amqpManagementUrl } = stackEndpoints();
    if (!amqpUrl || !amqpManagementUrl) throw new Error('no RabbitMQ: AMQP_URL and AMQP_MANAGEMENT_URL are not set');
    return { amqpUrl, amqpManagementUrl };
  }

  /** A vhost and node user of this network's own (names carry the network's prefix), in the node's configuration. */
  private async backOfficeVhost(code: string, config: NodeConfig): Promise<string> {
    const broker = this.amqpBroker();
    const name = `${this.prefix}${code}`;
    const { amqpUrl } = await setUpNodeVhost(new RabbitmqManagement(broker.amqpManagementUrl), broker.amqpUrl, code, name, `node-${name}`);
    config.backOffice = { amqpUrl, eventsPollMs: 300, deadlineCheckMs: 1000 };
    return name;
  }

  /** Serves the hub's HTTP API on a free local port (off by default: most flows only need its router); returns its URL. */
  async listenHub(): Promise<string> {
    await this.hub!.listen(0, '127.0.0.1');
    return (await this.hub!.getUrl()).replace('[::1]', '127.0.0.1');
  }

  node(country: string): RunningNode {
    const node = this.nodes.get(country);
    if (!node) throw new Error(`no node ${country} in this network`);
    return node;
  }

  async startNode(country: string): Promise<void> {
    const node = this.node(country);
    node.app = await createNodeApp(node.config, ['error']);
    await node.app.listen(0, '127.0.0.1');
    node.url = (await node.app.getUrl()).replace('[::1]', '127.0.0.1');
  }

  async stopNode(country: string): Promise<void> {
    const node = this.node(country);
    await node.app?.close();
    node.app = null;
  }

  async close(): Promise<void> {
    for (const country of this.nodes.keys()) await this.stopNode(country);
    await this.hub?.close();
    for (const node of this.nodes.values()) await node.db.close();
    await this.hubDb.close();
    if (this.options.backOffice) {
      const management = new RabbitmqManagement(this.amqpBroker().amqpManagementUrl);
      for (const node of this.nodes.values()) {
        if (!node.amqpVhost) continue;
        await management.deleteVhost(node.amqpVhost).catch(() => undefined);
        await management.deleteUser(`node-${node.amqpVhost}`).catch(() => undefined);
      }
    }
  }
}

/** The three-node network of the guidelines' first example, in the demo plan's image. */
export const THREE_NODES: NetworkPlan = {
  nodes: [
    {
      code: 'DE',
      authorities: [
        { id: 'DE-BE-AEK', name: 'Ärztekammer Berlin', legislativeAreas: ['professional-qualifications'] },
        { id: 'DE-BE-LAGESO', name: 'Landesamt für Gesundheit und Soziales Berlin', legislativeAreas: ['professional-qualifications', 'services'] },
        { id: 'DE-BY-GEWERBE', name: 'Gewerbeamt München', legislativeAreas: ['services'] },
        { id: 'DE-NIMIC', name: 'Nationaler IMI-Koordinator', legislativeAreas: [], observes: ['DE-BE-AEK', 'DE-BE-LAGESO', 'DE-BY-GEWERBE'] },
      ],
    },
    {
      code: 'FR',
      authorities: [
        { id: 'FR-CNOM', name: "Conseil national de l'Ordre des médecins", legislativeAreas: ['professional-qualifications'] },
        { id: 'FR-CNIMI', name: 'Coordinateur national IMI', legislativeAreas: [], observes: ['FR-CNOM'] },
      ],
    },
    { code: 'ES', authorities: [{ id: 'ES-MSAN', name: 'Ministerio de Sanidad', legislativeAreas: ['professional-qualifications'] }] },
  ],
};

/** For one-to-many exchanges: coordinators per area in FR and ES, and the Commission (EC). */
export const ALERT_NETWORK: NetworkPlan = {
  nodes: [
    { code: 'DE', authorities: [{ id: 'DE-BE-AEK', name: 'Ärztekammer Berlin', legislativeAreas: ['professional-qualifications', 'services'] }] },
    {
      code: 'FR',
      authorities: [
        { id: 'FR-CNOM', name: "Conseil national de l'Ordre des médecins", legislativeAreas: ['professional-qualifications'] },
        { id: 'FR-DGCCRF', name: 'DGCCRF', legislativeAreas: ['services'] },
        {
          id: 'FR-CNIMI', name: 'Coordinateur national IMI', legislativeAreas: ['professional-qualifications', 'services'],
          coordinates: ['professional-qualifications', 'services'],
        },
      ],
    },
    {
      code: 'ES',
      authorities: [
        { id: 'ES-MSAN', name: 'Ministerio de Sanidad', legislativeAreas: ['professional-qualifications'] },
        { id: 'ES-CNIMI', name: 'Coordinador nacional IMI', legislativeAreas: ['professional-qualifications'], coordinates: ['professional-qualifications'] },
      ],
    },
    { code: 'EC', authorities: [{ id: 'EC-GROW', name: 'European Commission, DG GROW', legislativeAreas: ['services'] }] },
  ],
};
