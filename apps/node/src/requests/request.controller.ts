import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { Page } from '@imi/domain';
import { ListRequestsQuery } from './request-list.dto';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ActingAuthority } from '../authorities/acting-authority.decorator';
import {
  AnswerRequestDto, CreateRequestDto, ForwardRequestDto, FurtherInformationDto, ProposeReplyDateDto, RejectRequestDto, RequestView,
  ObservedRequestView, ObservedRequestsView, RequestPageView, RespondToReplyDateDto, UrgentRequestView,
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
  @ApiCreatedResponse({ type: RequestView })
  @ApiHeader({ name: 'accept-language', required: false })
  create(@ActingAuthority() acting: string | undefined, @Body() dto: CreateRequestDto, @Headers('accept-language') language: string | undefined): Promise<RequestView> {
    return this.requests.create(acting, dto).then((view) => this.requests.inLanguage(view, language));
  }

  @RequireRoles('case-handler', 'allocator')
  @Get()
  @ApiOkResponse({ type: RequestPageView })
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
  @ApiOkResponse({ type: ObservedRequestsView })
  observed(@ActingAuthority() acting: string | undefined): Promise<ObservedRequestsView> {
    return this.requests.observed(acting);
  }

  @RequireRoles('coordinator')
  @Get('escalated')
  @ApiOkResponse({ type: [ObservedRequestView] })
  escalated(@ActingAuthority() acting: string | undefined): Promise<ObservedRequestView[]> {
    return this.requests.escalated(acting);
  }

  @RequireRoles('case-handler', 'allocator')
  @Get('urgent')
  @ApiOkResponse({ type: [UrgentRequestView] })
  urgent(@ActingAuthority() acting: string | undefined): Promise<UrgentRequestView[]> {
    return this.requests.urgent(acting);
  }

  @RequireRoles('case-handler', 'allocator')
  @Get(':id')
  @ApiOkResponse({ type: RequestView })
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
  @ApiOkResponse({ type: RequestView, description: 'The request as it is now, in the reader\'s language' })
  @ApiHeader({ name: 'accept-language', required: false })
  accept(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Headers('accept-language') language: string | undefined): Promise<RequestView> {
    return this.requests.accept(acting, id).then((view) => this.requests.inLanguage(view, language));
  }

  @RequireRoles('case-handler', 'allocator')
  @Post(':id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestView, description: 'The request as it is now, in the reader\'s language' })
  @ApiHeader({ name: 'accept-language', required: false })
  reject(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RejectRequestDto, @Headers('accept-language') language: string | undefined): Promise<RequestView> {
    return this.requests.reject(acting, id, dto.reason).then((view) => this.requests.inLanguage(view, language));
  }

  @RequireRoles('case-handler')
  @Post(':id/answer')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestView, description: 'The request as it is now, in the reader\'s language' })
  @ApiHeader({ name: 'accept-language', required: false })
  answer(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AnswerRequestDto, @Headers('accept-language') language: string | undefined): Promise<RequestView> {
    return this.requests.answer(acting, id, dto).then((view) => this.requests.inLanguage(view, language));
  }

  @RequireRoles('case-handler')
  @Post(':id/close')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestView, description: 'The request as it is now, in the reader\'s language' })
  @ApiHeader({ name: 'accept-language', required: false })
  close(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Headers('accept-language') language: string | undefined): Promise<RequestView> {
    return this.requests.close(acting, id).then((view) => this.requests.inLanguage(view, language));
  }

  @RequireRoles('case-handler', 'allocator')
  @Post(':id/forward')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestView, description: 'The request as it is now, in the reader\'s language' })
  @ApiHeader({ name: 'accept-language', required: false })
  forward(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ForwardRequestDto, @Headers('accept-language') language: string | undefined): Promise<RequestView> {
    return this.requests.forward(acting, id, dto.toAuthorityId).then((view) => this.requests.inLanguage(view, language));
  }

  @RequireRoles('case-handler')
  @Post(':id/reply-date')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestView, description: 'The request as it is now, in the reader\'s language' })
  @ApiHeader({ name: 'accept-language', required: false })
  proposeReplyDate(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ProposeReplyDateDto, @Headers('accept-language') language: string | undefined): Promise<RequestView> {
    return this.requests.proposeReplyDate(acting, id, new Date(dto.replyBy)).then((view) => this.requests.inLanguage(view, language));
  }

  @RequireRoles('case-handler')
  @Post(':id/reply-date/response')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestView, description: 'The request as it is now, in the reader\'s language' })
  @ApiHeader({ name: 'accept-language', required: false })
  respondToReplyDate(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RespondToReplyDateDto, @Headers('accept-language') language: string | undefined): Promise<RequestView> {
    return this.requests.respondToReplyDate(acting, id, dto.agree).then((view) => this.requests.inLanguage(view, language));
  }

  @RequireRoles('case-handler')
  @Post(':id/further-information')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestView, description: 'The request as it is now, in the reader\'s language' })
  @ApiHeader({ name: 'accept-language', required: false })
  requestFurtherInformation(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: FurtherInformationDto, @Headers('accept-language') language: string | undefined): Promise<RequestView> {
    return this.requests.requestFurtherInformation(acting, id, dto.note?.trim() || null).then((view) => this.requests.inLanguage(view, language));
  }

  @RequireRoles('case-handler')
  @Post(':id/accept-answer')
  @HttpCode(200)
  @ApiOkResponse({ type: RequestView, description: 'The request as it is now, in the reader\'s language' })
  @ApiHeader({ name: 'accept-language', required: false })
  acceptAnswer(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Headers('accept-language') language: string | undefined): Promise<RequestView> {
    return this.requests.acceptAnswer(acting, id).then((view) => this.requests.inLanguage(view, language));
  }
}
