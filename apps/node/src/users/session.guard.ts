import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { Role } from '@imi/domain';
import { Forbidden, Unauthenticated } from '../problem/errors';
import { Session, SessionTokens } from './session-tokens';
import { UserRepository } from './users.repository';

const ROLES_KEY = 'imi:roles';

/** The roles an endpoint requires (any one of them). */
export const RequireRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * Requires a valid session token (Authorization: Bearer) of an active user holding one of the
 * endpoint's roles. The user is read again on every call: a deactivation or a role taken away
 * counts at once, not when the token expires.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly tokens: SessionTokens,
    private readonly users: UserRepository,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { session?: Session }>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : null;
    const claimed = token ? await this.tokens.verify(token) : null;
    if (!claimed) throw new Unauthenticated('a valid session token is required');
    const user = await this.users.find(claimed.userId);
    if (!user || user.status !== 'active' || user.authorityId !== claimed.authorityId) throw new Unauthenticated('the session is no longer valid');
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    if (required.length > 0 && !required.some((r) => user.roles.includes(r))) throw new Forbidden(`requires the role ${required.join(' or ')}`);
    request.session = { userId: user.id, authorityId: user.authorityId, roles: user.roles };
    return true;
  }
}

export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext): Session =>
  context.switchToHttp().getRequest<Request & { session: Session }>().session);
