import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { MessagingModule } from '../messaging/messaging.module';
import { RequestsModule } from '../requests/requests.module';
import { UsersModule } from '../users/users.module';
import { EarlyDeletionRepository } from './early-deletion.repository';
import { EarlyDeletionService } from './early-deletion.service';
import { Exchanges } from './exchange';
import { PersonalDataCopy } from './personal-data-copy';
import { RightsHandlers } from './rights.handlers';
import { EarlyDeletionController, SubjectRequestController } from './subject-rights.controller';
import { SubjectRequestRepository } from './subject-request.repository';
import { SubjectRequestService } from './subject-request.service';

/** Data subjects' rights (rectification, erasure, objection) and early deletion, for requests and alerts, propagated to every participant. */
@Module({
  imports: [MessagingModule, AuthoritiesModule, RequestsModule, AlertsModule, UsersModule],
  providers: [Exchanges, PersonalDataCopy, SubjectRequestRepository, SubjectRequestService, EarlyDeletionRepository, EarlyDeletionService, RightsHandlers],
  controllers: [SubjectRequestController, EarlyDeletionController],
})
export class SubjectRightsModule {}
