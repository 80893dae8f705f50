import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { Page } from '@imi/domain';
import { ListAlertsQuery } from './alert-list.dto';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ActingAuthority } from '../authorities/acting-authority.decorator';
import { AlertView, DistributeAlertDto, LaterDecisionDto, RectifyAlertDto, SendAlertDto, WithdrawAlertDto } from './alert.dto';
import { AlertService } from './alert.service';
import { AlertPageView, UrgentAlertView } from './alert.view';
import { RequireRoles } from '../users/session.guard';

@ApiTags('alerts and notifications')
@ApiBearerAuth()
@Controller('alerts')
export class AlertController {
  constructor(private readonly alerts: AlertService) {}

  @RequireRoles('case-handler')
  @Post()
  @ApiCreatedResponse({ type: AlertView })
  send(@ActingAuthority() acting: string | undefined, @Body() dto: SendAlertDto): Promise<AlertView> {
    return this.alerts.send(acting, dto);
  }

  @RequireRoles('case-handler', 'coordinator')
  @Get()
  @ApiOkResponse({ type: AlertPageView })
  list(@ActingAuthority() acting: string | undefined, @Query() query: ListAlertsQuery): Promise<Page<AlertView>> {
    return this.alerts.list(acting, query);
  }

  @RequireRoles('case-handler', 'coordinator')
  @Get('urgent')
  @ApiOkResponse({ type: [UrgentAlertView] })
  urgent(@ActingAuthority() acting: string | undefined) {
    return this.alerts.urgent(acting);
  }

  @RequireRoles('case-handler', 'coordinator')
  @Get(':id')
  @ApiOkResponse({ type: AlertView })
  get(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<AlertView> {
    return this.alerts.get(acting, id);
  }

  @RequireRoles('case-handler')
  @Post(':id/rectify')
  @HttpCode(200)
  @ApiOkResponse({ type: AlertView })
  rectify(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RectifyAlertDto): Promise<AlertView> {
    return this.alerts.rectify(acting, id, dto.content);
  }

  @RequireRoles('case-handler')
  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: AlertView })
  withdraw(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: WithdrawAlertDto): Promise<AlertView> {
    return this.alerts.withdraw(acting, id, dto.reason);
  }

  @RequireRoles('case-handler')
  @Post(':id/close')
  @HttpCode(200)
  @ApiOkResponse({ type: AlertView })
  close(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<AlertView> {
    return this.alerts.close(acting, id);
  }

  @RequireRoles('case-handler')
  @Post(':id/later-decision')
  @HttpCode(200)
  @ApiOkResponse({ type: AlertView })
  laterDecision(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: LaterDecisionDto): Promise<AlertView> {
    return this.alerts.laterDecision(acting, id, dto.decisionDate);
  }

  @RequireRoles('case-handler', 'coordinator')
  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: AlertView })
  read(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<AlertView> {
    return this.alerts.mark(acting, id, 'read');
  }

  @RequireRoles('case-handler', 'coordinator')
  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOkResponse({ type: AlertView })
  acknowledge(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<AlertView> {
    return this.alerts.mark(acting, id, 'acknowledged');
  }

  @RequireRoles('coordinator')
  @Post(':id/distribute')
  @HttpCode(200)
  @ApiOkResponse({ type: AlertView })
  distribute(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DistributeAlertDto): Promise<AlertView> {
    return this.alerts.distribute(acting, id, dto);
  }
}
