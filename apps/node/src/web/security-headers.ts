import helmet from 'helmet';
import { NextFunction, Request, Response } from 'express';
import { NestExpressApplication } from '@nestjs/platform-express';

/** Everything the node serves, API and web application alike: its own origin and nothing else. */
const STRICT = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  objectSrc: ["'none'"],
  scriptSrcAttr: ["'none'"],
};

/** Swagger UI's page carries an inline <style> block and sets style attributes; its scripts are files. */
const API_DOCS = { ...STRICT, styleSrc: ["'self'", "'unsafe-inline'"] };

const headers = (directives: typeof STRICT) =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    // Same-origin only: the API is not meant to be read from other sites' pages.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS only means something over HTTPS; helmet sends it either way, browsers ignore it over HTTP.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });

/** helmet's security headers with a strict Content-Security-Policy, relaxed for /api-docs alone. */
export function useSecurityHeaders(app: NestExpressApplication): void {
  const strict = headers(STRICT);
  const apiDocs = headers(API_DOCS);
  app.use((request: Request, response: Response, next: NextFunction) =>
    (request.path === '/api-docs' || request.path.startsWith('/api-docs/') ? apiDocs : strict)(request, response, next));
}
