import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { ActingAuthority, ACTING_AUTHORITY_HEADER } from '../authorities/acting-authority.decorator';
import { ProofOfExchangeReport, RetrieveBlockedDataDto, SignedReport } from './proof.dto';
import { ProofService } from './proof.service';

@ApiTags('proof of exchange')
@ApiHeader({ name: ACTING_AUTHORITY_HEADER, required: true, description: 'Id of the competent authority the caller acts for' })
@Controller()
export class ProofController {
  constructor(private readonly proof: ProofService) {}

  @Get('requests/:id/proof-of-exchange')
  requestReport(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<SignedReport<ProofOfExchangeReport>> {
    return this.proof.report(acting, 'request', id);
  }

  @Get('alerts/:id/proof-of-exchange')
  alertReport(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<SignedReport<ProofOfExchangeReport>> {
    return this.proof.report(acting, 'alert', id);
  }

  @Post('requests/:id/proof-of-exchange/personal-data')
  @HttpCode(200)
  retrieveRequest(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RetrieveBlockedDataDto) {
    return this.proof.retrieveBlocked(acting, 'request', id, dto);
  }

  @Post('alerts/:id/proof-of-exchange/personal-data')
  @HttpCode(200)
  retrieveAlert(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RetrieveBlockedDataDto) {
    return this.proof.retrieveBlocked(acting, 'alert', id, dto);
  }
}
