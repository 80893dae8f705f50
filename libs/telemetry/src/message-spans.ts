import { Attributes, Context, context, Span, SpanKind, SpanStatusCode, TimeInput, trace, Tracer } from '@opentelemetry/api';

/** The one tracer of this code base; spans are named in the domain's words (message.send, hub.route, inbox.apply). */
export function tracer(): Tracer {
  return trace.getTracer('imi-network');
}

/** What a span may say about a message: its metadata, never a body or anything about a person. */
export interface MessageMetadata {
  messageId: string;
  type: string;
  caseId: string;
  senderNode: string;
  recipientNodes?: readonly string[];
}

export function messageAttributes(message: MessageMetadata): Attributes {
  return {
    'messaging.system': 'kafka',
    'messaging.message.id': message.messageId,
    'imi.message.type': message.type,
    'imi.case.id': message.caseId,
    'imi.sender.node': message.senderNode,
    ...(message.recipientNodes ? { 'imi.recipient.nodes': [...message.recipientNodes] } : {}),
  };
}

/** A span for one message's leg, child of `parent` (the context its headers carried). */
export function startMessageSpan(name: string, kind: SpanKind, parent: Context, attributes: Attributes = {}, startTime?: TimeInput): Span {
  return tracer().startSpan(name, { kind, attributes, startTime }, parent);
}

/** Runs `fn` with `span` as the active span: what it sends, and what it logs, belong to the span's trace. */
export function withinSpan<T>(span: Span, fn: () => T): T {
  return context.with(trace.setSpan(context.active(), span), fn);
}

/** Ends a span as failed: the error's class and code only (its message may quote input). */
export function endFailed(span: Span, error: unknown): void {
  const name = error instanceof Error ? error.constructor.name : 'Error';
  const code = (error as { code?: unknown })?.code;
  span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? `${name} ${code}` : name });
  span.end();
}
