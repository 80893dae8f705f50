import { Controller, Get, Header, ServiceUnavailableException } from '@nestjs/common';
import { TrustListPublisher } from './trust-list.publisher';

@Controller('trust-list')
export class TrustListController {
  constructor(private readonly publisher: TrustListPublisher) {}

  /** The current signed trust list (compact JWS), as broadcast on Kafka. */
  @Get()
  @Header('content-type', 'application/jose')
  current(): string {
    const signed = this.publisher.current;
    if (!signed) throw new ServiceUnavailableException('trust list not published yet');
    return signed;
  }
}
