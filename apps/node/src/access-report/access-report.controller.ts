import { Body, Controller, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ActingAuthority } from '../authorities/acting-authority.decorator';
import { UnprocessableRequest } from '../problem/errors';
import { SignedReport } from '../proof/proof.dto';
import { AccessReport, AccessReportRequestDto, SignedAccessReport } from './access-report.dto';
import { renderAccessReportPdf } from './access-report.pdf';
import { AccessReportService } from './access-report.service';
import { RequireRoles } from '../users/session.guard';

@ApiTags('data subjects\' rights')
@ApiBearerAuth()
@Controller('access-reports')
export class AccessReportController {
  constructor(private readonly service: AccessReportService) {}

  /** POST, not GET: the person's identity must not end up in URLs and access logs. */
  @RequireRoles('data-protection-contact')
  @Post()
  @HttpCode(200)
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'pdf'] })
  @ApiExtraModels(SignedAccessReport)
  @ApiOkResponse({
    description: 'The signed report as JSON, or (format=pdf) a PDF for the person, in the language asked, with the signed report attached',
    content: { 'application/json': { schema: { $ref: getSchemaPath(SignedAccessReport) } }, 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
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
