import { Controller, Get, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Response } from 'express';
import { TrustStore } from '@imi/envelope';
import { DirectoryStore } from '../directory/directory.store';
import { InboundProcessor, InboundResult } from '../messaging/inbound.processor';
import { Public } from '../users/session.guard';
import { liveness, LivenessView } from './liveness';
import { NodeReadiness, READINESS_CHECKS } from './readiness';
import { readinessAnswer } from './readiness-answer';

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

class ProcessCheck {
  @ApiProperty({ enum: ['up'] }) status!: 'up';
  @ApiProperty({ description: 'Seconds since the process started' }) uptimeSeconds!: number;
}

class LiveChecks {
  @ApiProperty({ type: ProcessCheck }) process!: ProcessCheck;
}

class LiveView {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ type: LiveChecks }) details!: LiveChecks;
}

const CHECK_STATES = { type: 'object' as const, additionalProperties: { type: 'string' as const, enum: ['up', 'down'] }, description: `Each check by name (${READINESS_CHECKS.join(', ')}; rabbitmq only with the back-office bridge): up or down` };

class ReadyView {
  @ApiProperty({ enum: ['ready'] }) status!: 'ready';
  @ApiProperty(CHECK_STATES) checks!: Record<string, 'up' | 'down'>;
}

class NotReadyProblem {
  @ApiProperty() type!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: [503] }) status!: number;
  @ApiProperty() detail!: string;
  @ApiProperty({ enum: READINESS_CHECKS, isArray: true, description: 'What is not ready' }) notReady!: string[];
  @ApiProperty(CHECK_STATES) checks!: Record<string, 'up' | 'down'>;
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

  /** The node runs, plus counts only: never a message id's content, never personal data. Answers while the database is down. */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthView })
  health(): HealthView {
    return { status: 'ok', trustListVersion: this.trust.version, inbox: { ...this.inbound.counts }, directoryAuthorities: this.directory.size };
  }

  /**
   * Liveness: the process is up and its event loop answers. No dependency is checked, so that an
   * outage of the database or the broker never has the node restarted: readiness says so instead.
   */
  @Public()
  @Get('live')
  @ApiOkResponse({ type: LiveView })
  live(): LivenessView {
    return liveness();
  }

  /**
   * Readiness: 503 with problem details naming what is not ready (database, kafka, kafka-grant,
   * trust-list, schema-registry, rabbitmq) while the node cannot do its work.
   */
  @Public()
  @Get('ready')
  @ApiOkResponse({ type: ReadyView })
  @ApiExtraModels(NotReadyProblem)
  @ApiResponse({ status: 503, description: 'Not ready: what is not is named', content: { 'application/problem+json': { schema: { $ref: getSchemaPath(NotReadyProblem) } } } })
  async ready(@Res() response: Response): Promise<void> {
    const answer = readinessAnswer(await this.readiness.check());
    if (answer.status === 200) {
      response.status(200).json(answer.body);
      return;
    }
    response.status(503).type('application/problem+json').send(JSON.stringify(answer.body));
  }
}
