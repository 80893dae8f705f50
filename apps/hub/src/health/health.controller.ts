import { Controller, Get, Res } from '@nestjs/common';
import { Response } from 'express';
import { liveness, LivenessView } from './liveness';
import { HubReadiness } from './readiness';
import { readinessAnswer } from './readiness-answer';

@Controller('health')
export class HealthController {
  constructor(private readonly readiness: HubReadiness) {}

  /** The hub runs. */
  @Get()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Liveness: the process is up and its event loop answers; no dependency is checked (a broker outage is not a reason to restart the hub). */
  @Get('live')
  live(): LivenessView {
    return liveness();
  }

  /**
   * Readiness: the hub's database and schema registry answer, the Kafka cluster answers its
   * credentials and its router is in its consumer group; otherwise 503 with problem details
   * (RFC 9457) naming what is not ready.
   */
  @Get('ready')
  async ready(@Res() response: Response): Promise<void> {
    const answer = readinessAnswer(await this.readiness.check());
    if (answer.status === 200) {
      response.status(200).json(answer.body);
      return;
    }
    response.status(503).type('application/problem+json').send(JSON.stringify(answer.body));
  }
}
