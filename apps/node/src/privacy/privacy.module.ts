import { Global, Module } from '@nestjs/common';
import { AuditLog } from './audit-log';
import { RetentionService } from './retention.service';
import { StatisticsController } from './statistics.controller';

/** Retention of personal data, the audit log, and anonymised statistics. Global: every capability audits. */
@Global()
@Module({ providers: [AuditLog, RetentionService], controllers: [StatisticsController], exports: [AuditLog, RetentionService] })
export class PrivacyModule {}
