import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { ActingAuthority, ACTING_AUTHORITY_HEADER } from '../authorities/acting-authority.decorator';
import { CreateUserDto, Enrolment, SetRolesDto, SignInDto, UserView } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiHeader({ name: ACTING_AUTHORITY_HEADER, required: true, description: 'Id of the competent authority whose users these are' })
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@ActingAuthority() acting: string | undefined, @Body() dto: CreateUserDto): Promise<Enrolment> {
    return this.users.create(acting, dto);
  }

  @Get()
  list(@ActingAuthority() acting: string | undefined): Promise<UserView[]> {
    return this.users.list(acting);
  }

  @Post(':id/roles')
  @HttpCode(200)
  setRoles(@ActingAuthority() acting: string | undefined, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SetRolesDto): Promise<UserView> {
    return this.users.setRoles(acting, id, dto.roles);
  }

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
  @Post()
  @HttpCode(200)
  signIn(@Body() dto: SignInDto): Promise<{ token: string; expiresInMinutes: number }> {
    return this.users.signIn(dto);
  }
}
