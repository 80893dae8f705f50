import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Kafka } from 'kafkajs';
import { TrustStore } from '@imi/envelope';
import { topicNames } from '@imi/messaging';
import { ConsumerLagProbe, HubMetrics } from '@imi/metrics';
import { CataloguePublisher } from '../catalogue/catalogue.publisher';
import { HubConfig } from '../config';
import { InjectHubConfig } from '../core.module';
import { ROUTER_GROUP } from '../routing/routing.consumer';

/** Wires what the hub reports at scrape time: the trust list and catalogue in force, and the router group's lag on `hub.ingress`. */
@Injectable()
export class HubMetricsSources implements OnModuleInit, OnApplicationShutdown {
  private readonly lag: ConsumerLagProbe;

  constructor(
    private readonly metrics: HubMetrics,
    private readonly trust: TrustStore,
    private readonly modules: ModuleRef,
    kafka: Kafka,
    @InjectHubConfig() config: HubConfig,
  ) {
    this.lag = new ConsumerLagProbe(kafka, `${config.topicPrefix}${ROUTER_GROUP}`, topicNames(config.topicPrefix).ingress);
  }

  onModuleInit(): void {
    // The catalogue module keeps its publisher to itself: looked up, not injected.
    const catalogue = this.modules.get(CataloguePublisher, { strict: false });
    this.metrics.sources = {
      trustListVersion: () => this.trust.version,
      catalogueVersion: () => catalogue.catalogue.version,
      consumerLag: () => this.lag.read(),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.metrics.sources = null;
    await this.lag.close();
  }
}
