import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { Page } from '@imi/domain';
import { ListRequestsQuery } from './request-list.dto';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ActingAuthority } from '../authorities/acting-authority.decorator';
import {
  AnswerRequestDto, CreateRequestDto, ForwardRequestDto, FurtherInformationDto, ProposeReplyDateDto, RejectRequestDto, RequestView,
  ObservedRequestView, ObservedRequestsView, RespondToReplyDateDto, UrgentRequestView,
} from './request.dto';
import { RequestService } from './request.service';
import { RequireRoles } from '../users/session.guard';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
export class RequestController {
  constructor(private readonly requests: RequestService) {}

  @RequireRoles('case-handler')
  @Post()
  create(@ActingAuthority() acting: string | undefined, @Body() dto: CreateRequestDto): Promise<RequestView> {
    return this.requests.create(acting, dto);
  }

  @RequireRoles('case-handler', 'allocator')
  @Get()
  @ApiHeader({ name: 'accept-language', required: false, description: 'Questions and answers are shown in this language where the catalogue has it' })
  list(
    @ActingAuthority() acting: string | undefined,
    @Query() query: ListRequestsQuery,
    @Headers('accept-language') language: string | undefined,
  ): Promise<Page<RequestView>> {
    return this.requests.list(acting, query, language);
  }

  @RequireRoles('observer', 'coordinator')
  @Get('observed')
  observed(@ActingAuthority() acting: string | undefined): Promise<ObservedRequestsView> {
    return this.requests.observed(acting);
  }

  @RequireRoles('coordinator')
  @Get('escalated')
  escalated(@ActingAuthority() acting: string | undefined): Promise<ObservedRequestView[]> {
    return this.requests.escalated(acting);
  }

  @RequireRoles('case-handler', 'allocator')
  @Get('urgent')
  urgent(@ActingAuthority() acting: string | undefined): Promise<UrgentRequestView[]> {
    return this.requests.urgent(acting);
  }

  @RequireRoles('case-handler', 'allocator')
  @Get(':id')
  @ApiHeader({ name: 'accept-language', required: false })
  get(
    @ActingAuthority() acting: string | undefined,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('accept-language') language: string | undefined,
  ): Promise<RequestView> {
    return this.requests.get(acting, id, language);
  }

  @RequireRoles('case-handler', 'allocator')
  @Post(':id/accept')
  @HttpCode(200)
  accept(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<RequestView> {
    return this.requests.accept(acting, id);
  }

  @RequireRoles('case-handler', 'allocator')
  @Post(':id/reject')
  @HttpCode(200)
  reject(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RejectRequestDto): Promise<RequestView> {
    return this.requests.reject(acting, id, dto.reason);
  }

  @RequireRoles('case-handler')
  @Post(':id/answer')
  @HttpCode(200)
  answer(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AnswerRequestDto): Promise<RequestView> {
    return this.requests.answer(acting, id, dto);
  }

  @RequireRoles('case-handler')
  @Post(':id/close')
  @HttpCode(200)
  close(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<RequestView> {
    return this.requests.close(acting, id);
  }

  @RequireRoles('case-handler', 'allocator')
  @Post(':id/forward')
  @HttpCode(200)
  forward(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ForwardRequestDto): Promise<RequestView> {
    return this.requests.forward(acting, id, dto.toAuthorityId);
  }

  @RequireRoles('case-handler')
  @Post(':id/reply-date')
  @HttpCode(200)
  proposeReplyDate(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ProposeReplyDateDto): Promise<RequestView> {
    return this.requests.proposeReplyDate(acting, id, new Date(dto.replyBy));
  }

  @RequireRoles('case-handler')
  @Post(':id/reply-date/response')
  @HttpCode(200)
  respondToReplyDate(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RespondToReplyDateDto): Promise<RequestView> {
    return this.requests.respondToReplyDate(acting, id, dto.agree);
  }

  @RequireRoles('case-handler')
  @Post(':id/further-information')
  @HttpCode(200)
  requestFurtherInformation(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: FurtherInformationDto): Promise<RequestView> {
    return this.requests.requestFurtherInformation(acting, id, dto.note?.trim() || null);
  }

  @RequireRoles('case-handler')
  @Post(':id/accept-answer')
  @HttpCode(200)
  acceptAnswer(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<RequestView> {
    return this.requests.acceptAnswer(acting, id);
  }
}
