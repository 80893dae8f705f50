import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { exposition, NodeMetrics } from '@imi/metrics';
import { Public } from '../users/session.guard';

/**
 * Prometheus scrapes this without a session, like the health endpoints: it holds counts,
 * versions, lag and timings only (labels from closed sets), never personal data or a case's id.
 * Not in the OpenAPI document: its format is Prometheus's, not the node's API.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: NodeMetrics) {}

  @Public()
  @Get()
  async metricsText(@Res() response: Response): Promise<void> {
    const { contentType, body } = await exposition(this.metrics.registry);
    // Written as it is: Express's send would reorder the content type's parameters.
    response.status(200).setHeader('content-type', contentType);
    response.end(body);
  }
}
