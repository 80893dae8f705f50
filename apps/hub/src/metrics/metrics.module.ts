import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { Registry } from 'prom-client';
import { HttpMetrics, HubMetrics } from '@imi/metrics';
import { HubMetricsSources } from './hub-metrics.sources';
import { MetricsController } from './metrics.controller';

/**
 * Prometheus metrics of the hub at GET /metrics. A registry per application, not prom-client's
 * global one: tests run several hubs and nodes in one process. Global, so the router counts
 * into it without importing this module.
 */
@Global()
@Module({
  providers: [
    { provide: HubMetrics, useFactory: () => new HubMetrics(new Registry()) },
    { provide: HttpMetrics, inject: [HubMetrics], useFactory: (metrics: HubMetrics) => new HttpMetrics(metrics.registry) },
    HubMetricsSources,
  ],
  controllers: [MetricsController],
  exports: [HubMetrics],
})
export class MetricsModule implements NestModule {
  constructor(private readonly http: HttpMetrics) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.http.middleware).forRoutes('{*splat}');
  }
}
