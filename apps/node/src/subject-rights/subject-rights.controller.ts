import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentSession, RequireRoles, SessionGuard } from '../users/session.guard';
import { Session } from '../users/session-tokens';
import { ActingAuthority, ACTING_AUTHORITY_HEADER } from '../authorities/acting-authority.decorator';
import { AnswerEarlyDeletionDto, EarlyDeletionView, ProposeEarlyDeletionDto } from './early-deletion.dto';
import { EarlyDeletionService } from './early-deletion.service';
import { CreateSubjectRequestDto, DecideSubjectRequestDto, SubjectRequestView, UrgentSubjectRequestView } from './subject-request.dto';
import { SubjectRequestService } from './subject-request.service';

@ApiTags('data subjects\' rights')
@ApiHeader({ name: ACTING_AUTHORITY_HEADER, required: true, description: 'Id of the competent authority the caller acts for' })
@Controller('subject-requests')
export class SubjectRequestController {
  constructor(private readonly service: SubjectRequestService) {}

  @Post()
  create(@ActingAuthority() acting: string | undefined, @Body() dto: CreateSubjectRequestDto): Promise<SubjectRequestView> {
    return this.service.create(acting, dto);
  }

  @Get()
  list(@ActingAuthority() acting: string | undefined): Promise<SubjectRequestView[]> {
    return this.service.list(acting);
  }

  /** Objections are routed to the authority's data protection contact: only that role reads them. */
  @Get('objections')
  @UseGuards(SessionGuard)
  @RequireRoles('data-protection-contact')
  @ApiBearerAuth()
  objections(@CurrentSession() session: Session): Promise<SubjectRequestView[]> {
    return this.service.objections(session.authorityId);
  }

  @Get('urgent')
  urgent(@ActingAuthority() acting: string | undefined): Promise<UrgentSubjectRequestView[]> {
    return this.service.urgent(acting);
  }

  @Get(':id')
  get(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<SubjectRequestView> {
    return this.service.get(acting, id);
  }

  @Post(':id/decision')
  @HttpCode(200)
  decide(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecideSubjectRequestDto): Promise<SubjectRequestView> {
    return this.service.decide(acting, id, dto);
  }
}

@ApiTags('data subjects\' rights')
@ApiHeader({ name: ACTING_AUTHORITY_HEADER, required: true, description: 'Id of the competent authority the caller acts for' })
@Controller()
export class EarlyDeletionController {
  constructor(private readonly service: EarlyDeletionService) {}

  @Post(['requests/:id/early-deletion', 'alerts/:id/early-deletion'])
  propose(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ProposeEarlyDeletionDto): Promise<EarlyDeletionView> {
    return this.service.propose(acting, id, dto.reason);
  }

  @Get('early-deletions')
  list(@ActingAuthority() acting: string | undefined): Promise<EarlyDeletionView[]> {
    return this.service.list(acting);
  }

  @Get('early-deletions/:id')
  get(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<EarlyDeletionView> {
    return this.service.get(acting, id);
  }

  @Post('early-deletions/:id/answer')
  @HttpCode(200)
  answer(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AnswerEarlyDeletionDto): Promise<EarlyDeletionView> {
    return this.service.answer(acting, id, dto.agree, dto.reason);
  }
}
