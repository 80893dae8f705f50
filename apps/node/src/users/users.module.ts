import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { EndedSessions } from './ended-sessions';
import { SessionGuard } from './session.guard';
import { SessionTokens } from './session-tokens';
import { SessionsController, UsersController } from './users.controller';
import { UserRepository } from './users.repository';
import { UsersService } from './users.service';

/** Users of this node's authorities, their second factor, sessions, and the guard that checks them on every endpoint. */
@Module({
  imports: [AuthoritiesModule],
  // The session guard applies to every endpoint of the node; see SessionGuard for deny-by-default.
  providers: [UserRepository, UsersService, SessionTokens, EndedSessions, SessionGuard, { provide: APP_GUARD, useExisting: SessionGuard }],
  controllers: [UsersController, SessionsController],
  exports: [UserRepository, SessionTokens, EndedSessions, SessionGuard],
})
export class UsersModule {}
