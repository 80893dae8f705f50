import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';

/**
 * The header naming the authority a caller acts for. Stands in for the signed-in user's
 * authority until users and sessions exist; the service still checks it is one of ours.
 */
export const ACTING_AUTHORITY_HEADER = 'x-authority-id';

export const ActingAuthority = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<Request>().headers[ACTING_AUTHORITY_HEADER];
  return typeof value === 'string' ? value : undefined;
});
