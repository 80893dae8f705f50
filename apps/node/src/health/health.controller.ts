import { Controller, Get } from '@nestjs/common';
import { TrustStore } from '@imi/envelope';
import { InboundProcessor, InboundResult } from '../messaging/inbound.processor';

@Controller('health')
export class HealthController {
  constructor(
    private readonly trust: TrustStore,
    private readonly inbound: InboundProcessor,
  ) {}

  /** Liveness plus counts only: never a message id's content, never personal data. */
  @Get()
  health(): { status: 'ok'; trustListVersion: number; inbox: Record<InboundResult, number> } {
    return { status: 'ok', trustListVersion: this.trust.version, inbox: { ...this.inbound.counts } };
  }
}
