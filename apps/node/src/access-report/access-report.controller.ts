import { Body, Controller, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ActingAuthority, ACTING_AUTHORITY_HEADER } from '../authorities/acting-authority.decorator';
import { UnprocessableRequest } from '../problem/errors';
import { SignedReport } from '../proof/proof.dto';
import { AccessReport, AccessReportRequestDto } from './access-report.dto';
import { renderAccessReportPdf } from './access-report.pdf';
import { AccessReportService } from './access-report.service';

@ApiTags('data subjects\' rights')
@ApiHeader({ name: ACTING_AUTHORITY_HEADER, required: true, description: 'Id of the competent authority the caller acts for' })
@Controller('access-reports')
export class AccessReportController {
  constructor(private readonly service: AccessReportService) {}

  /** POST, not GET: the person's identity must not end up in URLs and access logs. */
  @Post()
  @HttpCode(200)
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'pdf'] })
  async create(
    @ActingAuthority() acting: string | undefined,
    @Body() dto: AccessReportRequestDto,
    @Query('format') format = 'json',
  ): Promise<SignedReport<AccessReport> | StreamableFile> {
    if (format !== 'json' && format !== 'pdf') throw new UnprocessableRequest('format must be json or pdf');
    const signed = await this.service.report(acting, dto);
    if (format === 'json') return signed;
    return new StreamableFile(await renderAccessReportPdf(signed), { type: 'application/pdf', disposition: 'attachment; filename="access-report.pdf"' });
  }
}
