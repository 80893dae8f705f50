import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { RequestsModule } from '../requests/requests.module';
import { ProofController } from './proof.controller';
import { ProofService } from './proof.service';
import { ReportSigner } from './report-signer';

/** Proof of exchange: signed reports of what was exchanged, and audited retrieval of blocked data. */
@Module({
  imports: [AuthoritiesModule, RequestsModule, AlertsModule],
  providers: [ProofService, ReportSigner],
  controllers: [ProofController],
  exports: [ReportSigner],
})
export class ProofModule {}
