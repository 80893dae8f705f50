import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ActingAuthority } from '../authorities/acting-authority.decorator';
import { CreateUserDto, Enrolment, SetRolesDto, SignInDto, UserView } from './users.dto';
import { UsersService } from './users.service';
import { AnySignedInUser, CurrentSession, RequireRoles, Public } from './session.guard';
import { SignedInSession } from './session-tokens';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @RequireRoles('authority-administrator')
  @Post()
  create(@ActingAuthority() acting: string | undefined, @Body() dto: CreateUserDto): Promise<Enrolment> {
    return this.users.create(acting, dto);
  }

  @RequireRoles('authority-administrator')
  @Get()
  list(@ActingAuthority() acting: string | undefined): Promise<UserView[]> {
    return this.users.list(acting);
  }

  @RequireRoles('authority-administrator')
  @Post(':id/roles')
  @HttpCode(200)
  setRoles(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SetRolesDto): Promise<UserView> {
    return this.users.setRoles(acting, id, dto.roles);
  }

  @RequireRoles('authority-administrator')
  @Post(':id/deactivate')
  @HttpCode(200)
  deactivate(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.deactivate(acting, id);
  }
}

@ApiTags('users')
@Controller('sessions')
export class SessionsController {
  constructor(private readonly users: UsersService) {}

  /** Sign-in: password and one-time code; a short-lived session token back. */
  @Public()
  @Post()
  @HttpCode(200)
  signIn(@Body() dto: SignInDto): Promise<{ token: string; expiresInMinutes: number }> {
    return this.users.signIn(dto);
  }

  /** Sign-out: this session ends on the server at once; its token is refused from now on. */
  @AnySignedInUser()
  @ApiBearerAuth()
  @Delete('current')
  @HttpCode(204)
  signOut(@CurrentSession() session: SignedInSession): Promise<void> {
    return this.users.signOut(session);
  }
}
