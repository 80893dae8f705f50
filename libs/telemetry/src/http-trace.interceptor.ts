import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Request, Response } from 'express';
import { Observable } from 'rxjs';
import { tracer } from './message-spans';
import { contextFromHeaders } from './trace-context';

/**
 * One server span per REST call, named by its route template (`POST /requests`), never by its
 * path or query (they may hold ids a person typed). A caller's `traceparent` header is honoured;
 * without one the call starts a trace. The handler runs inside the span, so the messages it puts
 * in the outbox carry its trace on to the hub and the recipient.
 */
@Injectable()
export class HttpTraceInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    const request = execution.switchToHttp().getRequest<Request>();
    const response = execution.switchToHttp().getResponse<Response>();
    const route = `${request.baseUrl ?? ''}${(request.route as { path?: string } | undefined)?.path ?? ''}` || 'unknown route';
    const parent = contextFromHeaders(request.headers);
    const span = tracer().startSpan(`${request.method} ${route}`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': request.method, 'http.route': route },
    }, parent);
    // Ended when the answer has gone (or the client went away): the status is final only then.
    response.once('close', () => {
      span.setAttribute('http.response.status_code', response.statusCode);
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    return context.with(trace.setSpan(parent, span), () => next.handle());
  }
}
