import { Global, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { HttpMetrics, NodeMetrics } from '@imi/metrics';
import { WEB_APP_PATH } from '../web/web-app';
import { MetricsController } from './metrics.controller';
import { NodeMetricsSources } from './node-metrics.sources';

/**
 * Prometheus metrics of the node at GET /metrics. A registry per application, not prom-client's
 * global one: tests run several nodes in one process. Global, so the inbox and retention count
 * into it without importing this module. The HTTP middleware is put first in app.ts, so requests
 * answered before routing (405, 413, a draining node's 503) are counted too.
 */
@Global()
@Module({
  providers: [
    { provide: NodeMetrics, useFactory: () => new NodeMetrics(new Registry()) },
    { provide: HttpMetrics, inject: [NodeMetrics], useFactory: (metrics: NodeMetrics) => new HttpMetrics(metrics.registry, { staticPrefixes: [`${WEB_APP_PATH}/`] }) },
    NodeMetricsSources,
  ],
  controllers: [MetricsController],
  exports: [NodeMetrics, HttpMetrics],
})
export class MetricsModule {}
