import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import type { Session } from '../users/session-tokens';

/**
 * The authority the caller acts for: the signed-in user's own, from the session the global
 * guard checked. Services still check it is an active authority of this node.
 */
export const ActingAuthority = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined =>
  context.switchToHttp().getRequest<Request & { session?: Session }>().session?.authorityId);
