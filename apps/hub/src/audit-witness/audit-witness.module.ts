import { Module } from '@nestjs/common';
import { AuditCheckpointHandler } from './audit-checkpoint.handler';
import { AuditCheckpointRepository } from './audit-checkpoint.repository';
import { AuditWitnessController } from './audit-witness.controller';

/** The hub as outside witness of the nodes' audit logs: their latest checkpoints, and a signed statement of each. */
@Module({ providers: [AuditCheckpointRepository, AuditCheckpointHandler], controllers: [AuditWitnessController], exports: [AuditCheckpointHandler] })
export class AuditWitnessModule {}
