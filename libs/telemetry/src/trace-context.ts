import { Context, context, propagation, ROOT_CONTEXT, TextMapGetter, trace } from '@opentelemetry/api';

/** The W3C trace context headers this network carries (RFC: https://www.w3.org/TR/trace-context/). */
export const TRACE_HEADERS = ['traceparent', 'tracestate'] as const;

/** The longest header value read: a valid traceparent is 55 characters, a tracestate at most 512. */
const MAX_HEADER_LENGTH = 1024;

/**
 * Reads headers as they come: HTTP (strings, string arrays) or Kafka (Buffers, arrays of them,
 * null). Kafka headers are anybody's input: anything that is not short text is treated as absent,
 * and the propagator itself ignores a value that is not a valid trace context.
 */
const untrustedGetter: TextMapGetter<unknown> = {
  keys: (carrier) => (isRecord(carrier) ? Object.keys(carrier) : []),
  get: (carrier, key) => {
    if (!isRecord(carrier)) return undefined;
    const raw = carrier[key];
    const first = Array.isArray(raw) ? raw[0] : raw;
    const text = typeof first === 'string' ? first : Buffer.isBuffer(first) ? first.toString('latin1') : undefined;
    return text !== undefined && text.length <= MAX_HEADER_LENGTH ? text : undefined;
  },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The trace context a message or call carries, on top of `base` (no trace: `base` itself). Never
 * throws: a malformed, oversized or binary header is ignored and the work starts a trace of its own.
 */
export function contextFromHeaders(headers: unknown, base: Context = ROOT_CONTEXT): Context {
  try {
    return propagation.extract(base, headers, untrustedGetter);
  } catch {
    return base;
  }
}

/**
 * The headers that carry `ctx`'s trace onwards (traceparent, and tracestate when there is one);
 * none when there is no trace or tracing is not set up in this process.
 */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return Object.fromEntries(Object.entries(carrier).filter(([name]) => (TRACE_HEADERS as readonly string[]).includes(name)));
}

/** The trace and span id of the span active now, for log lines; nothing outside a trace. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const span = trace.getSpan(context.active());
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return trace.isSpanContextValid(span.spanContext()) ? { traceId, spanId } : undefined;
}
