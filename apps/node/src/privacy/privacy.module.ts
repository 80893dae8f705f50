import { Global, Module } from '@nestjs/common';
import { MessagingModule } from '../messaging/messaging.module';
import { TrustModule } from '../trust/trust.module';
import { AuditCheckpoints } from './audit-checkpoints';
import { AuditCheckpointsController } from './audit-checkpoints.controller';
import { AuditLog } from './audit-log';
import { RetentionService } from './retention.service';
import { StatisticsController } from './statistics.controller';

/** Retention of personal data, the audit log and its checkpoints at the hub, and anonymised statistics. Global: every capability audits. */
@Global()
@Module({
  imports: [MessagingModule, TrustModule],
  providers: [AuditLog, AuditCheckpoints, RetentionService],
  controllers: [StatisticsController, AuditCheckpointsController],
  exports: [AuditLog, AuditCheckpoints, RetentionService],
})
export class PrivacyModule {}
