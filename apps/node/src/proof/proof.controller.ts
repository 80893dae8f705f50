import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ActingAuthority } from '../authorities/acting-authority.decorator';
import { ProofOfExchangeReport, RetrieveBlockedDataDto, SignedReport } from './proof.dto';
import { ProofService } from './proof.service';
import { RequireRoles } from '../users/session.guard';

@ApiTags('proof of exchange')
@ApiBearerAuth()
@Controller()
export class ProofController {
  constructor(private readonly proof: ProofService) {}

  @RequireRoles('case-handler', 'data-protection-contact')
  @Get('requests/:id/proof-of-exchange')
  requestReport(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<SignedReport<ProofOfExchangeReport>> {
    return this.proof.report(acting, 'request', id);
  }

  @RequireRoles('case-handler', 'data-protection-contact')
  @Get('alerts/:id/proof-of-exchange')
  alertReport(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<SignedReport<ProofOfExchangeReport>> {
    return this.proof.report(acting, 'alert', id);
  }

  @RequireRoles('data-protection-contact')
  @Post('requests/:id/proof-of-exchange/personal-data')
  @HttpCode(200)
  retrieveRequest(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RetrieveBlockedDataDto) {
    return this.proof.retrieveBlocked(acting, 'request', id, dto);
  }

  @RequireRoles('data-protection-contact')
  @Post('alerts/:id/proof-of-exchange/personal-data')
  @HttpCode(200)
  retrieveAlert(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RetrieveBlockedDataDto) {
    return this.proof.retrieveBlocked(acting, 'alert', id, dto);
  }
}
