import { Module } from '@nestjs/common';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { MessagingModule } from '../messaging/messaging.module';
import { AlertController } from './alert.controller';
import { AlertHandlers } from './alert.handlers';
import { AlertRepository } from './alert.repository';
import { AlertService } from './alert.service';

@Module({
  imports: [MessagingModule, AuthoritiesModule],
  providers: [AlertRepository, AlertService, AlertHandlers],
  controllers: [AlertController],
  exports: [AlertRepository],
})
export class AlertsModule {}
