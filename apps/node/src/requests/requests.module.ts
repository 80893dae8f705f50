import { Module } from '@nestjs/common';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { MessagingModule } from '../messaging/messaging.module';
import { RequestController } from './request.controller';
import { RequestHandlers } from './request.handlers';
import { RequestRepository } from './request.repository';
import { RequestService } from './request.service';

@Module({
  imports: [MessagingModule, AuthoritiesModule],
  providers: [RequestRepository, RequestService, RequestHandlers],
  controllers: [RequestController],
})
export class RequestsModule {}
