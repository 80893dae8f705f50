import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { Role, ROLES } from '@imi/domain';
import { Forbidden, Unauthenticated } from '../problem/errors';
import { EndedSessions } from './ended-sessions';
import { SignedInSession, SessionTokens } from './session-tokens';
import { UserRepository } from './users.repository';

export const ROLES_KEY = 'imi:roles';
const PUBLIC_KEY = 'imi:public';

/** The roles an endpoint admits (any one of them). An endpoint without it admits nobody. */
export const RequireRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Every signed-in user of an active authority, whatever the role: organisation data only. */
export const AnySignedInUser = () => SetMetadata(ROLES_KEY, ROLES);

/** Reachable without a session: sign-in itself and the health check. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Applies to every endpoint of the node (registered as the global guard). Requires a valid
 * session token (Authorization: Bearer) of an active user holding one of the endpoint's roles.
 * The user is read again on every call: a deactivation or a role taken away counts at once, not
 * when the token expires. Deny by default: an endpoint that declares no roles refuses everyone,
 * so a new endpoint cannot be opened by forgetting a decorator.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly tokens: SessionTokens,
    private readonly ended: EndedSessions,
    private readonly users: UserRepository,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { session?: SignedInSession }>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : null;
    const claimed = token ? await this.tokens.verify(token) : null;
    if (!claimed) throw new Unauthenticated('a valid session token is required');
    if (this.ended.isEnded(claimed.tokenId)) throw new Unauthenticated('the session has ended (signed out)');
    const user = await this.users.find(claimed.userId);
    if (!user || user.status !== 'active' || user.authorityId !== claimed.authorityId) throw new Unauthenticated('the session is no longer valid');
    const admitted = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!admitted.some((r) => user.roles.includes(r))) {
      throw new Forbidden(admitted.length ? `requires the role ${admitted.join(' or ')}` : 'no role may use this endpoint');
    }
    request.session = { userId: user.id, authorityId: user.authorityId, roles: user.roles, tokenId: claimed.tokenId, expiresAt: claimed.expiresAt };
    return true;
  }
}

export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext): SignedInSession =>
  context.switchToHttp().getRequest<Request & { session: SignedInSession }>().session);
