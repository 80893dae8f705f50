import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentSession, RequireRoles } from '../users/session.guard';
import { Session } from '../users/session-tokens';
import { ActingAuthority } from '../authorities/acting-authority.decorator';
import { AnswerEarlyDeletionDto, EarlyDeletionPageView, EarlyDeletionView, ProposeEarlyDeletionDto } from './early-deletion.dto';
import { EarlyDeletionService } from './early-deletion.service';
import { ListEarlyDeletionsQuery, ListSubjectRequestsQuery } from './rights-list.dto';
import { Page } from '@imi/domain';
import { CreateSubjectRequestDto, DecideSubjectRequestDto, SubjectRequestPageView, SubjectRequestView, UrgentSubjectRequestView } from './subject-request.dto';
import { SubjectRequestService } from './subject-request.service';

@ApiTags('data subjects\' rights')
@ApiBearerAuth()
@Controller('subject-requests')
export class SubjectRequestController {
  constructor(private readonly service: SubjectRequestService) {}

  @RequireRoles('case-handler', 'data-protection-contact')
  @Post()
  @ApiCreatedResponse({ type: SubjectRequestView })
  create(@ActingAuthority() acting: string | undefined, @Body() dto: CreateSubjectRequestDto): Promise<SubjectRequestView> {
    return this.service.create(acting, dto);
  }

  @RequireRoles('case-handler', 'data-protection-contact')
  @Get()
  @ApiOkResponse({ type: SubjectRequestPageView })
  list(@ActingAuthority() acting: string | undefined, @Query() query: ListSubjectRequestsQuery): Promise<Page<SubjectRequestView>> {
    return this.service.list(acting, query);
  }

  /** Objections are routed to the authority's data protection contact: only that role reads them. */
  @Get('objections')
  @RequireRoles('data-protection-contact')
  @ApiBearerAuth()
  @ApiOkResponse({ type: SubjectRequestPageView })
  objections(@CurrentSession() session: Session, @Query() query: ListSubjectRequestsQuery): Promise<Page<SubjectRequestView>> {
    return this.service.objections(session.authorityId, query);
  }

  @RequireRoles('case-handler', 'data-protection-contact')
  @Get('urgent')
  @ApiOkResponse({ type: [UrgentSubjectRequestView] })
  urgent(@ActingAuthority() acting: string | undefined): Promise<UrgentSubjectRequestView[]> {
    return this.service.urgent(acting);
  }

  @RequireRoles('case-handler', 'data-protection-contact')
  @Get(':id')
  @ApiOkResponse({ type: SubjectRequestView })
  get(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<SubjectRequestView> {
    return this.service.get(acting, id);
  }

  @RequireRoles('case-handler', 'data-protection-contact')
  @Post(':id/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: SubjectRequestView })
  decide(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecideSubjectRequestDto): Promise<SubjectRequestView> {
    return this.service.decide(acting, id, dto);
  }
}

@ApiTags('data subjects\' rights')
@ApiBearerAuth()
@Controller()
export class EarlyDeletionController {
  constructor(private readonly service: EarlyDeletionService) {}

  @RequireRoles('case-handler', 'data-protection-contact')
  @Post(['requests/:id/early-deletion', 'alerts/:id/early-deletion'])
  @ApiCreatedResponse({ type: EarlyDeletionView })
  propose(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ProposeEarlyDeletionDto): Promise<EarlyDeletionView> {
    return this.service.propose(acting, id, dto.reason);
  }

  @RequireRoles('case-handler', 'data-protection-contact')
  @Get('early-deletions')
  @ApiOkResponse({ type: EarlyDeletionPageView })
  list(@ActingAuthority() acting: string | undefined, @Query() query: ListEarlyDeletionsQuery): Promise<Page<EarlyDeletionView>> {
    return this.service.list(acting, query);
  }

  @RequireRoles('case-handler', 'data-protection-contact')
  @Get('early-deletions/:id')
  @ApiOkResponse({ type: EarlyDeletionView })
  get(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<EarlyDeletionView> {
    return this.service.get(acting, id);
  }

  @RequireRoles('case-handler', 'data-protection-contact')
  @Post('early-deletions/:id/answer')
  @HttpCode(200)
  @ApiOkResponse({ type: EarlyDeletionView })
  answer(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AnswerEarlyDeletionDto): Promise<EarlyDeletionView> {
    return this.service.answer(acting, id, dto.agree, dto.reason);
  }
}
