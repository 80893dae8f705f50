import { Controller, Get } from '@nestjs/common';
import { TrustStore } from '@imi/envelope';
import { DirectoryStore } from '../directory/directory.store';
import { InboundProcessor, InboundResult } from '../messaging/inbound.processor';
import { Public } from '../users/session.guard';

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
  health(): { status: 'ok'; trustListVersion: number; inbox: Record<InboundResult, number>; directoryAuthorities: number } {
    return { status: 'ok', trustListVersion: this.trust.version, inbox: { ...this.inbound.counts }, directoryAuthorities: this.directory.size };
  }
}
