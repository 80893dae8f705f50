import { context, propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { activeTraceIds, contextFromHeaders, traceHeaders } from './trace-context';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${SPAN_ID}-01`;

describe('trace context in headers', () => {
  beforeAll(() => propagation.setGlobalPropagator(new W3CTraceContextPropagator()));
  afterAll(() => propagation.disable());

  const spanContextOf = (headers: unknown) => trace.getSpanContext(contextFromHeaders(headers));

  it('reads a traceparent from HTTP headers and from Kafka headers (Buffers)', () => {
    expect(spanContextOf({ traceparent: TRACEPARENT })).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED, isRemote: true });
    expect(spanContextOf({ traceparent: Buffer.from(TRACEPARENT) })).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID });
    expect(spanContextOf({ traceparent: [Buffer.from(TRACEPARENT), Buffer.from('junk')] })).toMatchObject({ traceId: TRACE_ID });
  });

  it.each([
    ['absent', {}],
    ['null on the wire', { traceparent: null }],
    ['empty', { traceparent: Buffer.alloc(0) }],
    ['not hex', { traceparent: '00-zzf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }],
    ['an all-zero trace id', { traceparent: `00-${'0'.repeat(32)}-${SPAN_ID}-01` }],
    ['version ff', { traceparent: `ff-${TRACE_ID}-${SPAN_ID}-01` }],
    ['binary bytes', { traceparent: Buffer.from([0xff, 0x00, 0xfe, 0x0a]) }],
    ['oversized', { traceparent: `${TRACEPARENT}-${'a'.repeat(5000)}` }],
    ['an object', { traceparent: { toString: () => { throw new Error('hostile'); } } }],
    ['a number', { traceparent: 42 }],
  ])('ignores a traceparent that is %s, without throwing', (_, headers) => {
    expect(spanContextOf(headers)).toBeUndefined();
  });

  it('ignores carriers that are not objects', () => {
    for (const carrier of [undefined, null, 'traceparent', 7]) expect(contextFromHeaders(carrier)).toBe(ROOT_CONTEXT);
  });

  it('writes the active span context as a traceparent, and nothing outside a trace', () => {
    const ctx = contextFromHeaders({ traceparent: TRACEPARENT, tracestate: 'vendor=x' });
    expect(traceHeaders(ctx)).toEqual({ traceparent: TRACEPARENT, tracestate: 'vendor=x' });
    expect(traceHeaders(ROOT_CONTEXT)).toEqual({});
  });

  it('gives the ids of the active span for log lines', () => {
    expect(activeTraceIds()).toBeUndefined();
    const span = trace.wrapSpanContext({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED });
    // No context manager in a unit test: context.with() is a pass-through, so read through a stub.
    const spy = jest.spyOn(context, 'active').mockReturnValue(trace.setSpan(ROOT_CONTEXT, span));
    try {
      expect(activeTraceIds()).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID });
    } finally {
      spy.mockRestore();
    }
  });
});
