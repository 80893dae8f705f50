import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, Registry } from 'prom-client';

/** Seconds; HTTP calls of the API answer in milliseconds, a PDF report or a slow database in seconds. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What labels a request: the route's template, never the raw path (it holds ids). */
export interface RequestRoute {
  route?: { path?: unknown };
  baseUrl?: string;
  path?: string;
}

/** Paths served without a route (the node's web application): labelled by their prefix. */
export interface RouteTemplateOptions {
  staticPrefixes?: string[];
}

export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The template of the route that answered (`/requests/:id`), `<prefix>*` for a static prefix,
 * else `unmatched` (an unknown path, or a request answered before routing: a 405, a body too large).
 */
export function routeTemplate(request: RequestRoute, options: RouteTemplateOptions = {}): string {
  const template = request.route?.path;
  if (typeof template === 'string') return `${request.baseUrl ?? ''}${template}` || '/';
  const prefix = options.staticPrefixes?.find((p) => request.path?.startsWith(p));
  return prefix ? `${prefix}*` : UNMATCHED_ROUTE;
}

/** HTTP methods as labels: the standard ones, anything else `OTHER`. */
export function methodLabel(method: string): string {
  return ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].includes(method) ? method : 'OTHER';
}

/** Request rate, errors (by status code) and duration per route. */
export class HttpMetrics {
  readonly requests: Counter<'method' | 'route' | 'code'>;
  readonly duration: Histogram<'method' | 'route' | 'code'>;

  constructor(registry: Registry, private readonly options: RouteTemplateOptions = {}) {
    this.requests = new Counter({
      name: 'imi_http_requests_total', help: 'HTTP requests answered, by method, route template and status code',
      labelNames: ['method', 'route', 'code'], registers: [registry],
    });
    this.duration = new Histogram({
      name: 'imi_http_request_duration_seconds', help: 'Time to answer an HTTP request, by method, route template and status code',
      labelNames: ['method', 'route', 'code'], buckets: HTTP_BUCKETS, registers: [registry],
    });
  }

  /**
   * Express middleware: measures from the request's arrival to the response's last byte. The
   * route is read at the end, when Express has matched it; a request whose client went away
   * before the answer is counted with code 499 (as nginx does).
   */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    let done = false;
    const record = (code: number) => {
      if (done) return;
      done = true;
      const labels = { method: methodLabel(request.method), route: routeTemplate(request, this.options), code: String(code) };
      this.requests.inc(labels);
      this.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    };
    response.once('finish', () => record(response.statusCode));
    response.once('close', () => record(response.writableFinished ? response.statusCode : 499));
    next();
  };
}
