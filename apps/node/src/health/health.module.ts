import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { BackOfficeModule } from '../back-office/back-office.module';
import { DirectoryModule } from '../directory/directory.module';
import { MessagingModule } from '../messaging/messaging.module';
import { HealthController } from './health.controller';
import { NodeReadiness } from './readiness';

/** Liveness and readiness (GET /health, /health/live, /health/ready). */
@Module({
  // A failing check is the probe's answer, not a log line at every probe.
  imports: [TerminusModule.forRoot({ logger: false }), MessagingModule, DirectoryModule, BackOfficeModule],
  controllers: [HealthController],
  providers: [NodeReadiness],
  exports: [NodeReadiness],
})
export class HealthModule {}
