import { Module } from '@nestjs/common';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { DirectoryModule } from '../directory/directory.module';
import { MessagingModule } from '../messaging/messaging.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { RegistrationController } from './registration.controller';
import { RegistrationRepository } from './registration.repository';
import { RegistrationService } from './registration.service';

/** The member state's registration chain: coordinators register, validate, suspend and remove authorities. */
@Module({
  imports: [AuthoritiesModule, DirectoryModule, MessagingModule, PrivacyModule],
  providers: [RegistrationRepository, RegistrationService],
  controllers: [RegistrationController],
})
export class RegistrationsModule {}
