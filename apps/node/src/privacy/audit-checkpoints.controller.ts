import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UnprocessableRequest } from '../problem/errors';
import { RequireRoles } from '../users/session.guard';
import { AuditCheckpoints, SentCheckpoint } from './audit-checkpoints';

/** Checkpoints of the audit chain on demand, e.g. right before verifying the log or handing it to an auditor. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/checkpoints')
export class AuditCheckpointsController {
  constructor(private readonly checkpoints: AuditCheckpoints) {}

  /** 202: the checkpoint is in the outbox; the hub's signed receipt marks it witnessed (deliveries). */
  @RequireRoles('data-protection-contact', 'authority-administrator')
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'messageId, sequence and headHash of the checkpoint sent to the hub' })
  async create(): Promise<SentCheckpoint> {
    const sent = await this.checkpoints.checkpoint();
    if (!sent) throw new UnprocessableRequest('the audit log has no sealed entry to checkpoint yet');
    return sent;
  }
}
