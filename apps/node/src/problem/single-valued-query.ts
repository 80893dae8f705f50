import type { NextFunction, Request, Response } from 'express';
import { WEB_APP_PATH } from '../web/web-app';

/** The query parameters given more than once (Express makes them arrays); the API takes none of its parameters twice. */
export function repeatedQueryParameters(query: Record<string, unknown>): string[] {
  return Object.entries(query).filter(([, value]) => typeof value !== 'string').map(([name]) => name);
}

/**
 * `?x=a&x=b` is a 400 validation problem naming `x`, before any handler runs: code written for
 * one string would otherwise meet an array (a 500), or the global ValidationPipe would quietly
 * join it into "a,b". One rule at the edge rather than a guard on each parameter.
 */
export function refuseRepeatedQueryParameters(request: Request, response: Response, next: NextFunction): void {
  if (request.path.startsWith(WEB_APP_PATH)) return next();
  const repeated = repeatedQueryParameters(request.query as Record<string, unknown>);
  if (repeated.length === 0) return next();
  response.status(400).type('application/problem+json').send(JSON.stringify({
    type: 'urn:imi:problem:validation',
    title: 'validation',
    status: 400,
    detail: 'the request is not valid',
    errors: repeated.map((name) => `${name.slice(0, 100)} must be given once, as text`),
  }));
}
