import { Module } from '@nestjs/common';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { MessagingModule } from '../messaging/messaging.module';
import { AttachmentController } from './attachment.controller';
import { AttachmentRepository } from './attachment.repository';
import { AttachmentService } from './attachment.service';
import { RequestController } from './request.controller';
import { RequestHandlers } from './request.handlers';
import { RequestRepository } from './request.repository';
import { RequestService } from './request.service';

@Module({
  imports: [MessagingModule, AuthoritiesModule, CatalogueModule],
  providers: [RequestRepository, RequestService, RequestHandlers, AttachmentRepository, AttachmentService],
  controllers: [RequestController, AttachmentController],
  exports: [RequestRepository, AttachmentRepository],
})
export class RequestsModule {}
