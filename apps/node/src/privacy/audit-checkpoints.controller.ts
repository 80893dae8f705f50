import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { UnprocessableRequest } from '../problem/errors';
import { RequireRoles } from '../users/session.guard';
import { AuditCheckpoints, SentCheckpoint } from './audit-checkpoints';

/** The checkpoint sent to the hub, as POST /audit/checkpoints answers it. */
class SentCheckpointView implements SentCheckpoint {
  @ApiProperty({ format: 'uuid', description: 'The audit.checkpoint message in the outbox' })
  messageId!: string;

  @ApiProperty({ description: 'The sequence number of the last sealed audit entry it covers' })
  sequence!: number;

  @ApiProperty({ description: 'Hex SHA-256 head of the audit chain at that entry' })
  headHash!: string;
}

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
  @ApiAcceptedResponse({ type: SentCheckpointView, description: 'The checkpoint sent to the hub' })
  async create(): Promise<SentCheckpoint> {
    const sent = await this.checkpoints.checkpoint();
    if (!sent) throw new UnprocessableRequest('the audit log has no sealed entry to checkpoint yet');
    return sent;
  }
}
