import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Page } from '@imi/domain';
import { ActingAuthority } from '../authorities/acting-authority.decorator';
import { CreateUserDto, FirstSignInDto, ListUsersQuery, SessionTokenView, SetRolesDto, SignInDto, TotpEnrolment, UserPage, UserView } from './users.dto';

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
import { UsersService } from './users.service';
import { AnySignedInUser, CurrentSession, RequireRoles, Public } from './session.guard';
import { Session, SignedInSession } from './session-tokens';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** A user with a password; the user sets up the second factor at the first sign-in (POST /sessions/enrolment). */
  @RequireRoles('authority-administrator')
  @Post()
  @ApiCreatedResponse({ type: UserView })
  create(@ActingAuthority() acting: string | undefined, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(acting, dto);
  }

  @RequireRoles('authority-administrator')
  @Get()
  @ApiOkResponse({ type: UserPage })
  list(@ActingAuthority() acting: string | undefined, @Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(acting, query);
  }

  @RequireRoles('authority-administrator')
  @Post(':id/roles')
  @HttpCode(200)
  @ApiOkResponse({ type: UserView })
  @ApiResponse({ status: 409, description: 'Taking the administrator role from oneself, or from the authority\'s last active administrator (type last-administrator)', content: PROBLEM })
  setRoles(@ActingAuthority() acting: string | undefined, @CurrentSession() session: Session, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SetRolesDto): Promise<UserView> {
    return this.users.setRoles(acting, id, dto.roles, session.userId);
  }

  @RequireRoles('authority-administrator')
  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: UserView })
  @ApiResponse({ status: 409, description: 'Deactivating oneself, or the authority\'s last active administrator (type last-administrator)', content: PROBLEM })
  deactivate(@ActingAuthority() acting: string | undefined, @CurrentSession() session: Session, @Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.deactivate(acting, id, new Date(), session.userId);
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
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: SessionTokenView })
  signIn(@Body() dto: SignInDto): Promise<SessionTokenView> {
    return this.users.signIn(dto);
  }

  /**
   * First sign-in of a user created by the authority's administrator: email and password give
   * the authenticator's secret (and its QR code), once; the user then signs in with a code from
   * it (POST /sessions), which confirms it. Asked again: 409 with the right password, else 401.
   */
  @Public()
  @Post('enrolment')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: TotpEnrolment })
  @ApiResponse({ status: 401, description: 'Email or password refused, account locked or deactivated (it never says which)', content: PROBLEM })
  @ApiResponse({ status: 409, description: 'The second factor was shown before: it is never shown again', content: PROBLEM })
  firstSignIn(@Body() dto: FirstSignInDto): Promise<TotpEnrolment> {
    return this.users.firstSignIn(dto);
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
