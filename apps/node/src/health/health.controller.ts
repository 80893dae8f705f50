import { Controller, Get, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Response } from 'express';
import { TrustStore } from '@imi/envelope';
import { DirectoryStore } from '../directory/directory.store';
import { InboundProcessor, InboundResult } from '../messaging/inbound.processor';
import { Public } from '../users/session.guard';
import { NodeReadiness } from './readiness';

/** Messages taken from the node's inbox over its whole life (kept in its database), by outcome. */
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

class ReadyView {
  @ApiProperty({ enum: ['ready'] }) status!: 'ready';
}

class NotReadyProblem {
  @ApiProperty() type!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: [503] }) status!: number;
  @ApiProperty() detail!: string;
  @ApiProperty({ enum: ['database', 'kafka'], isArray: true, description: 'What is not ready' }) notReady!: string[];
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly trust: TrustStore,
    private readonly inbound: InboundProcessor,
    private readonly directory: DirectoryStore,
    private readonly readiness: NodeReadiness,
  ) {}

  /** Liveness plus counts only: never a message id's content, never personal data. Answers while the database is down. */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthView })
  health(): HealthView {
    return { status: 'ok', trustListVersion: this.trust.version, inbox: { ...this.inbound.counts }, directoryAuthorities: this.directory.size };
  }

  /** Readiness: 503 with problem details naming what is not ready (database, kafka) while the node cannot do its work. */
  @Public()
  @Get('ready')
  @ApiOkResponse({ type: ReadyView })
  @ApiExtraModels(NotReadyProblem)
  @ApiResponse({ status: 503, description: 'Not ready: what is not is named', content: { 'application/problem+json': { schema: { $ref: getSchemaPath(NotReadyProblem) } } } })
  async ready(@Res() response: Response): Promise<void> {
    const notReady = await this.readiness.notReady();
    if (notReady.length === 0) {
      response.status(200).json({ status: 'ready' });
      return;
    }
    const problem: NotReadyProblem = {
      type: 'urn:imi:problem:not-ready', title: 'not ready', status: 503, detail: `not ready: ${notReady.join(', ')}`, notReady,
    };
    response.status(503).type('application/problem+json').send(JSON.stringify(problem));
  }
}
