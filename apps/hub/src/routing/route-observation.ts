import { Logger } from '@nestjs/common';
import { ROOT_CONTEXT, Span, SpanKind, trace } from '@opentelemetry/api';
import { IHeaders } from 'kafkajs';
import { messageFields } from '@imi/logging';
import { contextFromHeaders, endFailed, messageAttributes, startMessageSpan, traceHeaders, withinSpan } from '@imi/telemetry';
import { RoutingOutcome } from './router';

/**
 * The trace and log lines of one routed batch: a `hub.route` span per ingress record, child of
 * the trace context its headers carried (a malformed one is ignored: the record starts a trace
 * of its own), passed on in the headers of what the hub produces for it. Spans end when the
 * batch's transaction has committed, or as failed when it did not.
 */
export class RouteObservation {
  private readonly spans: Span[] = [];

  constructor(private readonly logger: Logger, private readonly partition: number) {}

  /** Starts the span of one record; returns the trace headers for the records it leads to. */
  record(headers: IHeaders | undefined): { span: Span; headers: Record<string, string> } {
    const span = startMessageSpan('hub.route', SpanKind.CONSUMER, contextFromHeaders(headers), { 'messaging.kafka.partition': this.partition });
    this.spans.push(span);
    return { span, headers: traceHeaders(trace.setSpan(ROOT_CONTEXT, span)) };
  }

  /** What the router decided, on the span and (ids, type, nodes, code only) in the log. */
  outcome(span: Span, outcome: RoutingOutcome): void {
    span.setAttribute('imi.route.outcome', outcome.kind === 'reject' ? `rejected ${outcome.code}` : outcome.kind);
    if (outcome.envelope) span.setAttributes(messageAttributes(outcome.envelope));
    withinSpan(span, () => {
      if (outcome.kind === 'route') {
        this.logger.debug({ msg: 'message routed', ...messageFields(outcome.envelope), partition: this.partition });
      } else if (outcome.kind === 'reject' && outcome.authenticatedSender) {
        // Garbage from nobody in particular is only counted (see the batch's line); a known sender's rejection is told.
        this.logger.warn({
          msg: 'message rejected', code: outcome.code, senderNode: outcome.authenticatedSender, partition: this.partition,
          ...(outcome.envelope ? messageFields(outcome.envelope) : {}),
        });
      }
    });
  }

  committed(): void {
    for (const span of this.spans.splice(0)) span.end();
  }

  failed(error: unknown): void {
    for (const span of this.spans.splice(0)) endFailed(span, error);
  }
}
