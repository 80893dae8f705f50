import { ArgumentsHost, Catch, Controller, ExceptionFilter, Get, HttpException, Logger, UseFilters } from '@nestjs/common';
import { Response } from 'express';
import { isDatabaseUnavailable } from '@imi/persistence';
import { NetworkStatus, NetworkStatusView } from './network-status';

/** RFC 9457 problem details, as the nodes answer: 503 while the hub's database is away, a bare 500 for anything unexpected. */
@Catch()
class ProblemDetails implements ExceptionFilter {
  private readonly logger = new Logger('Operations');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, type, detail] = error instanceof HttpException
      ? [error.getStatus(), 'http', error.message]
      : isDatabaseUnavailable(error)
        ? [503, 'service-unavailable', 'the hub database is not available; try again shortly']
        : [500, 'internal', 'internal error'];
    if (status === 500) this.logger.error(`unexpected error: ${(error as Error)?.message}`);
    response.status(status).type('application/problem+json').send(JSON.stringify({ type: `urn:imi:problem:${type}`, title: type.replace(/-/g, ' '), status, detail }));
  }
}

@Controller('operations')
@UseFilters(ProblemDetails)
export class OperationsController {
  constructor(private readonly status: NetworkStatus) {}

  /** Per member state: traffic seen, inbox lag, rejections in the last hour, trust list acknowledged, key epochs. Metadata only. */
  @Get('network')
  network(): Promise<NetworkStatusView> {
    return this.status.view();
  }
}
