import { ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace';
import { exportingSampler, otlpConfigured } from './tracing';

describe('tracing set-up', () => {
  it('exports only when an OTLP endpoint is configured and the SDK is not disabled', () => {
    expect(otlpConfigured({})).toBe(false);
    expect(otlpConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(otlpConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(otlpConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
  });

  it('records a message whose sender did not sample it, when this process exports', () => {
    const sampler = exportingSampler({})!;
    const unsampledRemote = trace.setSpanContext(ROOT_CONTEXT, { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.NONE, isRemote: true });
    const decision = (ctx: typeof ROOT_CONTEXT) => sampler.shouldSample(ctx, '4bf92f3577b34da6a3ce929d0e0e4736', 'hub.route', SpanKind.CONSUMER, {}, []).decision;
    expect(decision(unsampledRemote)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decision(ROOT_CONTEXT)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it("leaves sampling to OTEL_TRACES_SAMPLER when the operator sets it", () => {
    expect(exportingSampler({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio' })).toBeUndefined();
  });
});
