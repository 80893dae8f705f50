import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page, RegistrationAction } from '@imi/domain';
import { ActingAuthority } from '../authorities/acting-authority.decorator';
import { CurrentSession, RequireRoles } from '../users/session.guard';
import { Session } from '../users/session-tokens';
import { ListRegistrationsQuery, RegisterAuthorityDto, RegistrationPage, RegistrationSummary, RegistrationView, UpdateRegistrationDto } from './registration.dto';
import { RegistrationService } from './registration.service';

/** The registration chain, for the member state's coordinators (national or delegated). */
@ApiTags('registrations')
@ApiBearerAuth()
@Controller('registrations')
export class RegistrationController {
  constructor(private readonly service: RegistrationService) {}

  @RequireRoles('coordinator')
  @Post()
  @ApiCreatedResponse({ type: RegistrationView })
  register(@ActingAuthority() acting: string | undefined, @CurrentSession() session: Session, @Body() dto: RegisterAuthorityDto): Promise<RegistrationView> {
    return this.service.register(acting, session.userId, { ...dto });
  }

  @RequireRoles('coordinator')
  @Get()
  @ApiOkResponse({ type: RegistrationPage })
  list(@ActingAuthority() acting: string | undefined, @Query() query: ListRegistrationsQuery): Promise<Page<RegistrationSummary>> {
    return this.service.list(acting, query);
  }

  @RequireRoles('coordinator')
  @Get(':id')
  @ApiOkResponse({ type: RegistrationView })
  get(@ActingAuthority() acting: string | undefined, @Param('id') id: string): Promise<RegistrationView> {
    return this.service.find(acting, id.slice(0, 65));
  }

  @RequireRoles('coordinator')
  @Patch(':id')
  @ApiOkResponse({ type: RegistrationView })
  update(@ActingAuthority() acting: string | undefined, @CurrentSession() session: Session, @Param('id') id: string, @Body() dto: UpdateRegistrationDto): Promise<RegistrationView> {
    // Only the fields given: the DTO instance carries the others as undefined.
    const changes = Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined));
    return this.service.update(acting, session.userId, id.slice(0, 65), changes);
  }

  @RequireRoles('coordinator')
  @Post(':id/validate')
  @HttpCode(200)
  @ApiOkResponse({ type: RegistrationView })
  validate(@ActingAuthority() acting: string | undefined, @CurrentSession() session: Session, @Param('id') id: string): Promise<RegistrationView> {
    return this.act(acting, session, id, 'validate');
  }

  @RequireRoles('coordinator')
  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOkResponse({ type: RegistrationView })
  suspend(@ActingAuthority() acting: string | undefined, @CurrentSession() session: Session, @Param('id') id: string): Promise<RegistrationView> {
    return this.act(acting, session, id, 'suspend');
  }

  @RequireRoles('coordinator')
  @Post(':id/reinstate')
  @HttpCode(200)
  @ApiOkResponse({ type: RegistrationView })
  reinstate(@ActingAuthority() acting: string | undefined, @CurrentSession() session: Session, @Param('id') id: string): Promise<RegistrationView> {
    return this.act(acting, session, id, 'reinstate');
  }

  @RequireRoles('coordinator')
  @Post(':id/remove')
  @HttpCode(200)
  @ApiOkResponse({ type: RegistrationView })
  remove(@ActingAuthority() acting: string | undefined, @CurrentSession() session: Session, @Param('id') id: string): Promise<RegistrationView> {
    return this.act(acting, session, id, 'remove');
  }

  private act(acting: string | undefined, session: Session, id: string, action: RegistrationAction): Promise<RegistrationView> {
    return this.service.act(acting, session.userId, id.slice(0, 65), action);
  }
}
