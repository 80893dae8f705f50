import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { NextFunction, Request, Response } from 'express';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Route {
  pattern: RegExp;
  methods: string[];
}

/** Each documented path as a pattern (`{id}` is one path segment) with the methods it takes. */
export function routeTable(document: OpenAPIObject): Route[] {
  return Object.entries(document.paths).map(([path, item]) => ({
    pattern: new RegExp(`^${path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+')}/?$`),
    methods: METHODS.filter((method) => item[method]).map((method) => method.toUpperCase()),
  }));
}

/** The methods a path takes (HEAD with GET), or null when no documented path matches it. */
export function allowedMethods(routes: Route[], path: string): string[] | null {
  const matching = routes.filter((route) => route.pattern.test(path));
  if (matching.length === 0) return null;
  const methods = new Set(matching.flatMap((route) => route.methods));
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods];
}

/**
 * A method the API does not take on a path it has (e.g. TRACE /requests, PUT /requests/{id})
 * is a 405 problem with an Allow header, as HTTP asks, not a 404 that says the path is unknown.
 * The route table is the OpenAPI document's, read once at the first request (routes are known by then).
 */
export function answerUndeclaredMethods(app: INestApplication, document: () => OpenAPIObject): void {
  let routes: Route[] | null = null;
  app.use((request: Request, response: Response, next: NextFunction) => {
    routes ??= routeTable(document());
    const allowed = allowedMethods(routes, request.path);
    if (!allowed || allowed.includes(request.method)) return next();
    response.status(405).setHeader('allow', allowed.join(', '));
    response.type('application/problem+json').send(JSON.stringify({
      type: 'urn:imi:problem:method-not-allowed',
      title: 'method not allowed',
      status: 405,
      detail: `${request.method.slice(0, 16)} is not allowed here; allowed: ${allowed.join(', ')}`,
    }));
  });
}
