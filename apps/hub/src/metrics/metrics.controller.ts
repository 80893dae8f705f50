import { Controller, Get, Res } from '@nestjs/common';
import { Response } from 'express';
import { exposition, HubMetrics } from '@imi/metrics';

/** Prometheus scrapes this: counts, versions and lag only, never a message's content. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: HubMetrics) {}

  @Get()
  async metricsText(@Res() response: Response): Promise<void> {
    const { contentType, body } = await exposition(this.metrics.registry);
    // Written as it is: Express's send would reorder the content type's parameters.
    response.status(200).setHeader('content-type', contentType);
    response.end(body);
  }
}
