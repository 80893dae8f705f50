import { ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace';
import { batchOptionsFromEnv, samplerFromEnv, spanLimitsFromEnv } from './otel-environment';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const sampledParent = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED, isRemote: true });

function decision(env: NodeJS.ProcessEnv, parent = ROOT_CONTEXT, traceId = TRACE_ID): SamplingDecision {
  return samplerFromEnv(env)!.shouldSample(parent, traceId, 'hub.route', SpanKind.CONSUMER, {}, []).decision;
}

describe('the OpenTelemetry SDK variables for traces', () => {
  it('leaves the sampler to the SDK when OTEL_TRACES_SAMPLER is unset, blank or unknown', () => {
    expect(samplerFromEnv({})).toBeUndefined();
    expect(samplerFromEnv({ OTEL_TRACES_SAMPLER: ' ' })).toBeUndefined();
    expect(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'sometimes' })).toBeUndefined();
  });

  it('builds the samplers the specification names', () => {
    expect(decision({ OTEL_TRACES_SAMPLER: 'always_on' })).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decision({ OTEL_TRACES_SAMPLER: 'always_off' }, sampledParent)).toBe(SamplingDecision.NOT_RECORD);
    expect(decision({ OTEL_TRACES_SAMPLER: 'parentbased_always_off' })).toBe(SamplingDecision.NOT_RECORD);
    expect(decision({ OTEL_TRACES_SAMPLER: 'parentbased_always_off' }, sampledParent)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decision({ OTEL_TRACES_SAMPLER: 'parentbased_always_on' })).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('samples by trace id with OTEL_TRACES_SAMPLER_ARG, everything when the ratio is missing or out of range', () => {
    const lowTraceId = '00000000000000000000000000000001';
    const highTraceId = 'ffffffff000000000000000000000000';
    expect(decision({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.5' }, ROOT_CONTEXT, lowTraceId)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decision({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.5' }, ROOT_CONTEXT, highTraceId)).toBe(SamplingDecision.NOT_RECORD);
    expect(decision({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' }, ROOT_CONTEXT, lowTraceId)).toBe(SamplingDecision.NOT_RECORD);
    for (const arg of [undefined, '', '7', '-1', 'half']) {
      expect(decision({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: arg }, ROOT_CONTEXT, highTraceId)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    }
    // Parent based: a sampled parent is followed whatever the ratio.
    expect(decision({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' }, sampledParent)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decision({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' })).toBe(SamplingDecision.NOT_RECORD);
  });

  it('reads batching from OTEL_BSP_*, ignoring what is not a non-negative number', () => {
    expect(batchOptionsFromEnv({})).toEqual({});
    expect(batchOptionsFromEnv({ OTEL_BSP_SCHEDULE_DELAY: '200', OTEL_BSP_MAX_QUEUE_SIZE: '100', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '10', OTEL_BSP_EXPORT_TIMEOUT: '1000' }))
      .toEqual({ scheduledDelayMillis: 200, maxQueueSize: 100, maxExportBatchSize: 10, exportTimeoutMillis: 1000 });
    expect(batchOptionsFromEnv({ OTEL_BSP_SCHEDULE_DELAY: '-5', OTEL_BSP_MAX_QUEUE_SIZE: 'lots', OTEL_BSP_EXPORT_TIMEOUT: ' ' })).toEqual({});
  });

  it('reads span limits, the span-specific variable before the general one', () => {
    expect(spanLimitsFromEnv({ OTEL_ATTRIBUTE_COUNT_LIMIT: '64', OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: '32', OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '256', OTEL_SPAN_LINK_COUNT_LIMIT: '4' }))
      .toMatchObject({ attributeCountLimit: 32, attributeValueLengthLimit: 256, linkCountLimit: 4, eventCountLimit: undefined });
  });
});
