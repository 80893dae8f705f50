import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { RequestsModule } from '../requests/requests.module';
import { SubjectRightsModule } from '../subject-rights/subject-rights.module';
import { AsyncApiController } from './asyncapi.controller';
import { BackOfficeBridge } from './back-office.bridge';
import { CommandExecutor } from './command.executor';
import { Contract } from './contract';
import { SystemsRepository } from './systems.repository';

/**
 * The national back-office bridge over AMQP (issue 17): commands in, events out, the contract
 * served as AsyncAPI. Off unless the node's configuration has `backOffice` (AMQP_URL).
 */
@Module({
  imports: [PrivacyModule, RequestsModule, AlertsModule, SubjectRightsModule],
  controllers: [AsyncApiController],
  providers: [{ provide: Contract, useFactory: () => new Contract() }, SystemsRepository, CommandExecutor, BackOfficeBridge],
  exports: [BackOfficeBridge],
})
export class BackOfficeModule {}
