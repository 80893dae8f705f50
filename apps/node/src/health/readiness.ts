import { Injectable, OnApplicationShutdown, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Kafka } from 'kafkajs';
import { RegistryProbe, TrustStore } from '@imi/envelope';
import { KafkaProbe } from '@imi/messaging';
import { Database, DatabaseProbe } from '@imi/persistence';
import { BackOfficeBridge } from '../back-office/back-office.bridge';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { InboxConsumer } from '../messaging/inbox.consumer';
import { failing } from './readiness-answer';

/**
 * What the node needs to do its work: its database, the Kafka cluster (reached with the node's own
 * credentials, its inbox consumer in its group), the schema registry, RabbitMQ when it runs the
 * back-office bridge; and, while it starts, the broker's grant on its inbox and a first trust list.
 */
export type ReadinessCheck = 'database' | 'kafka' | 'kafka-grant' | 'trust-list' | 'schema-registry' | 'rabbitmq';
export const READINESS_CHECKS: readonly ReadinessCheck[] = ['database', 'kafka', 'kafka-grant', 'trust-list', 'schema-registry', 'rabbitmq'];

@Injectable()
export class NodeReadiness implements OnApplicationShutdown {
  private readonly database: DatabaseProbe;
  private readonly kafka: KafkaProbe;
  private readonly registry: RegistryProbe;

  constructor(
    db: Database,
    kafka: Kafka,
    private readonly inbox: InboxConsumer,
    private readonly trust: TrustStore,
    private readonly backOffice: BackOfficeBridge,
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {
    this.database = new DatabaseProbe(db, { cacheMs: 1000, timeoutMs: 1000 });
    this.kafka = new KafkaProbe(kafka, { cacheMs: 1000, timeoutMs: 2000 });
    this.registry = new RegistryProbe(config.schemaRegistryUrl, { cacheMs: 1000, timeoutMs: 1000 });
  }

  /** Every check, by terminus; never throws for a check that fails. */
  async check(): Promise<HealthCheckResult> {
    const checks: [ReadinessCheck, () => boolean | Promise<boolean>][] = [
      ['database', () => this.database.ready()],
      // Once granted, the inbox consumer must be in its group too; before, the broker answering is all there is to check.
      ['kafka', async () => (await this.kafka.ready()) && (this.inbox.waitingForGrant || this.inbox.ready)],
      ['kafka-grant', () => !this.inbox.waitingForGrant],
      ['trust-list', () => this.trust.version > 0],
      ['schema-registry', () => this.registry.ready()],
    ];
    if (this.config.backOffice) checks.push(['rabbitmq', () => this.backOffice.connected]);
    try {
      return await this.health.check(checks.map(([name, ok]) => async () => ((await ok()) ? this.indicator.check(name).up() : this.indicator.check(name).down())));
    } catch (error) {
      if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
      throw error;
    }
  }

  /** The checks that fail now; none when the node is ready. */
  async notReady(): Promise<ReadinessCheck[]> {
    return failing(await this.check()) as ReadinessCheck[];
  }

  async onApplicationShutdown(): Promise<void> {
    await this.kafka.close();
  }
}
