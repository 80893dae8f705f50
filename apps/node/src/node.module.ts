import { DynamicModule, Module } from '@nestjs/common';
import { TracingModule } from '@imi/telemetry';
import { AccessReportModule } from './access-report/access-report.module';
import { AlertsModule } from './alerts/alerts.module';
import { AuthoritiesModule } from './authorities/authorities.module';
import { BackOfficeModule } from './back-office/back-office.module';
import { BroadcastModule } from './broadcast/broadcast.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import { DirectoryModule } from './directory/directory.module';
import { NodeConfig } from './config';
import { NodeCoreModule } from './core.module';
import { PrivacyModule } from './privacy/privacy.module';
import { ProofModule } from './proof/proof.module';
import { HealthModule } from './health/health.module';
import { HttpDrain } from './http-drain';
import { MessagingModule } from './messaging/messaging.module';
import { MetricsModule } from './metrics/metrics.module';
import { RegistrationsModule } from './registrations/registrations.module';
import { RequestsModule } from './requests/requests.module';
import { SubjectRightsModule } from './subject-rights/subject-rights.module';
import { TrustModule } from './trust/trust.module';
import { UsersModule } from './users/users.module';

@Module({})
export class NodeModule {
  static forRoot(config: NodeConfig): DynamicModule {
    return {
      module: NodeModule,
      imports: [NodeCoreModule.forRoot(config), PrivacyModule, TrustModule, CatalogueModule, BroadcastModule, MessagingModule, AuthoritiesModule, RequestsModule, AlertsModule, SubjectRightsModule, ProofModule, AccessReportModule, UsersModule, RegistrationsModule, DirectoryModule, BackOfficeModule, HealthModule, MetricsModule, TracingModule],
      providers: [HttpDrain],
    };
  }
}
