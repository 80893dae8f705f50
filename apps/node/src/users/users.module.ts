import { Module } from '@nestjs/common';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { SessionGuard } from './session.guard';
import { SessionTokens } from './session-tokens';
import { SessionsController, UsersController } from './users.controller';
import { UserRepository } from './users.repository';
import { UsersService } from './users.service';

/** Users of this node's authorities, their second factor, sessions, and the guard that checks them. */
@Module({
  imports: [AuthoritiesModule],
  providers: [UserRepository, UsersService, SessionTokens, SessionGuard],
  controllers: [UsersController, SessionsController],
  exports: [UserRepository, SessionTokens, SessionGuard],
})
export class UsersModule {}
