import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ActingAuthority } from '../authorities/acting-authority.decorator';
import { ProofOfExchangeReport, RetrieveBlockedDataDto, RetrievedBlockedData, SignedProofOfExchange, SignedReport } from './proof.dto';
import { ProofService } from './proof.service';
import { RequireRoles } from '../users/session.guard';

@ApiTags('proof of exchange')
@ApiBearerAuth()
@Controller()
export class ProofController {
  constructor(private readonly proof: ProofService) {}

  @RequireRoles('case-handler', 'data-protection-contact')
  @Get('requests/:id/proof-of-exchange')
  @ApiOkResponse({ type: SignedProofOfExchange })
  requestReport(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<SignedReport<ProofOfExchangeReport>> {
    return this.proof.report(acting, 'request', id);
  }

  @RequireRoles('case-handler', 'data-protection-contact')
  @Get('alerts/:id/proof-of-exchange')
  @ApiOkResponse({ type: SignedProofOfExchange })
  alertReport(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<SignedReport<ProofOfExchangeReport>> {
    return this.proof.report(acting, 'alert', id);
  }

  @RequireRoles('data-protection-contact')
  @Post('requests/:id/proof-of-exchange/personal-data')
  @HttpCode(200)
  @ApiOkResponse({ type: RetrievedBlockedData })
  retrieveRequest(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RetrieveBlockedDataDto): Promise<RetrievedBlockedData> {
    return this.proof.retrieveBlocked(acting, 'request', id, dto);
  }

  @RequireRoles('data-protection-contact')
  @Post('alerts/:id/proof-of-exchange/personal-data')
  @HttpCode(200)
  @ApiOkResponse({ type: RetrievedBlockedData })
  retrieveAlert(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RetrieveBlockedDataDto): Promise<RetrievedBlockedData> {
    return this.proof.retrieveBlocked(acting, 'alert', id, dto);
  }
}
