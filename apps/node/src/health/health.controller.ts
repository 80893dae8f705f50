import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { TrustStore } from '@imi/envelope';
import { DirectoryStore } from '../directory/directory.store';
import { InboundProcessor, InboundResult } from '../messaging/inbound.processor';
import { Public } from '../users/session.guard';

/** Messages taken from the node's inbox since it started, by outcome. */
class InboxCounts implements Record<InboundResult, number> {
  @ApiProperty() applied!: number;
  @ApiProperty() duplicate!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty() ignored!: number;
}

class HealthView {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ description: 'The version of the trust list the node holds; 0 before the first' }) trustListVersion!: number;
  @ApiProperty({ type: InboxCounts }) inbox!: InboxCounts;
  @ApiProperty({ description: 'Authorities in the node\'s copy of the directory' }) directoryAuthorities!: number;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly trust: TrustStore,
    private readonly inbound: InboundProcessor,
    private readonly directory: DirectoryStore,
  ) {}

  /** Liveness plus counts only: never a message id's content, never personal data. */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthView })
  health(): HealthView {
    return { status: 'ok', trustListVersion: this.trust.version, inbox: { ...this.inbound.counts }, directoryAuthorities: this.directory.size };
  }
}
