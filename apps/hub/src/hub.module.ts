import { DynamicModule, Module } from '@nestjs/common';
import { TracingModule } from '@imi/telemetry';
import { CatalogueModule } from './catalogue/catalogue.module';
import { HubConfig } from './config';
import { HubCoreModule } from './core.module';
import { MetricsModule } from './metrics/metrics.module';
import { HealthModule } from './health/health.module';
import { OperationsModule } from './operations/operations.module';
import { RegistryModule } from './registry/registry.module';
import { RoutingModule } from './routing/routing.module';

@Module({})
export class HubModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: HubModule,
      imports: [HubCoreModule.forRoot(config), RegistryModule, CatalogueModule, RoutingModule, HealthModule, OperationsModule, MetricsModule, TracingModule],
    };
  }
}
