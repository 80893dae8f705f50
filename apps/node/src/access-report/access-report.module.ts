import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { ProofModule } from '../proof/proof.module';
import { RequestsModule } from '../requests/requests.module';
import { AccessReportController } from './access-report.controller';
import { AccessReportService } from './access-report.service';

/** Right of access: a signed report, as JSON or PDF, of everything the node holds about one person. */
@Module({
  imports: [AuthoritiesModule, CatalogueModule, RequestsModule, AlertsModule, ProofModule],
  providers: [AccessReportService],
  controllers: [AccessReportController],
})
export class AccessReportModule {}
