import compression from 'compression';
import express, { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';

/** Where the web application's client routes and files live: apart from every API path. */
export const WEB_APP_PATH = '/app';

/**
 * dist/web at the repository root, seen from the sources (tests) and from the build
 * (dist/apps/node/src/web); WEB_APP_DIR names another build (e.g. one built apart for a test run).
 */
const candidates = (): string[] => [
  ...(process.env.WEB_APP_DIR ? [process.env.WEB_APP_DIR] : []),
  join(__dirname, '../../../../dist/web'),
  join(__dirname, '../../../../web'),
];

export function findWebAppDir(): string | null {
  return candidates().find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the built web application (dist/web) under /app/ on the node's own origin, so the
 * browser talks to the API without CORS and the session token never leaves the origin. Any
 * /app/ path without a file is a client route and gets index.html; `/` leads to /app/.
 * Registered as plain middleware rather than routes: the API's route table stays the API's.
 * Without a build the node still starts, API only.
 */
export function serveWebApp(app: NestExpressApplication, dir: string | null = findWebAppDir()): void {
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && (request.path === '/' || request.path === WEB_APP_PATH)) {
      response.redirect(302, `${WEB_APP_PATH}/`);
      return;
    }
    next();
  });
  if (!dir) {
    new Logger('WebApp').warn('web application not built (npm run build:web): this node serves its API only');
    return;
  }
  const index = join(dir, 'index.html');
  // The application's files go out gzip-compressed; API answers do not (they carry session tokens
  // and personal data next to reflected input, the BREACH pattern).
  app.use(WEB_APP_PATH, compression());
  app.use(
    WEB_APP_PATH,
    express.static(dir, {
      index: false,
      fallthrough: true,
      // File names under assets/ carry their content hash; index.html must always be asked for again.
      setHeaders: (response, path) => response.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
    }),
  );
  app.use(WEB_APP_PATH, (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    // A missing built file is a 404, not the page: only client routes fall back to index.html.
    if (request.path.startsWith('/assets/')) return next();
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(index);
  });
}
