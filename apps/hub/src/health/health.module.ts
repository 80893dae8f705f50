import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { RoutingModule } from '../routing/routing.module';
import { HealthController } from './health.controller';
import { HubReadiness } from './readiness';

/** Liveness and readiness (GET /health, /health/live, /health/ready). */
@Module({
  // A failing check is the probe's answer, not a log line at every probe.
  imports: [TerminusModule.forRoot({ logger: false }), RoutingModule],
  controllers: [HealthController],
  providers: [HubReadiness],
})
export class HealthModule {}
