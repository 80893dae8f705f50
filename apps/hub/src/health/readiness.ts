import { Injectable, OnApplicationShutdown, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Kafka } from 'kafkajs';
import { RegistryProbe } from '@imi/envelope';
import { KafkaProbe } from '@imi/messaging';
import { Database, DatabaseProbe } from '@imi/persistence';
import { HubConfig } from '../config';
import { InjectHubConfig } from '../core.module';
import { RoutingConsumer } from '../routing/routing.consumer';

/** What the hub needs to route: its database, the Kafka cluster (reached with its own credentials, its router in its group), the schema registry. */
export type ReadinessCheck = 'database' | 'kafka' | 'schema-registry';

@Injectable()
export class HubReadiness implements OnApplicationShutdown {
  private readonly database: DatabaseProbe;
  private readonly kafka: KafkaProbe;
  private readonly registry: RegistryProbe;

  constructor(
    db: Database,
    kafka: Kafka,
    private readonly routing: RoutingConsumer,
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @InjectHubConfig() config: HubConfig,
  ) {
    this.database = new DatabaseProbe(db, { cacheMs: 1000, timeoutMs: 1000 });
    this.kafka = new KafkaProbe(kafka, { cacheMs: 1000, timeoutMs: 2000 });
    this.registry = new RegistryProbe(config.schemaRegistryUrl, { cacheMs: 1000, timeoutMs: 1000 });
  }

  /** Every check, by terminus; never throws for a check that fails. */
  async check(): Promise<HealthCheckResult> {
    const checks: [ReadinessCheck, () => boolean | Promise<boolean>][] = [
      ['database', () => this.database.ready()],
      ['kafka', async () => (await this.kafka.ready()) && this.routing.ready],
      ['schema-registry', () => this.registry.ready()],
    ];
    try {
      return await this.health.check(checks.map(([name, ok]) => async () => ((await ok()) ? this.indicator.check(name).up() : this.indicator.check(name).down())));
    } catch (error) {
      if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.kafka.close();
  }
}
