import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { AlwaysOffSampler, AlwaysOnSampler, ParentBasedSampler, Sampler, TracerProvider } from '@opentelemetry/sdk-trace';

/** How this process traces: spans exported over OTLP, or only trace ids carried along for the logs. */
export interface Tracing {
  exporting: boolean;
  /** Sends the spans still buffered; for a clean stop. */
  shutdown(): Promise<void>;
}

/** Whether the environment names an OTLP collector for traces (the OpenTelemetry SDK's own variables). */
export function otlpConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

/**
 * Sets up tracing once per process, before the first span. With an OTLP endpoint in the
 * environment (OTEL_EXPORTER_OTLP_ENDPOINT; OTEL_SERVICE_NAME and the other OTEL_* variables
 * apply) spans are batched and exported over OTLP/HTTP. Without one nothing is recorded or
 * exported, but W3C trace context still passes through (a trace sampled upstream stays sampled
 * downstream) and every message gets a trace id, so log lines of one exchange correlate.
 * Only the trace context propagates: W3C baggage would carry whatever a caller put in it.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): Tracing {
  running = setUp(serviceName, env);
  return running;
}

let running: Tracing | null = null;

/** Sends what is still buffered and stops: at the application's shutdown (TracingModule). */
export async function stopTracing(): Promise<void> {
  const tracing = running;
  running = null;
  await tracing?.shutdown();
}

/**
 * What an exporting process records: every trace, unless OTEL_TRACES_SAMPLER says otherwise. A
 * message whose sender does not export arrives marked "not sampled"; the hub (or a node) that
 * exports records it anyway, since hub and nodes are run by different operators who turn
 * tracing on independently. What it passes on is then marked sampled.
 */
export function exportingSampler(env: NodeJS.ProcessEnv = process.env): Sampler | undefined {
  if (env.OTEL_TRACES_SAMPLER) return undefined;
  return new ParentBasedSampler({ root: new AlwaysOnSampler(), remoteParentNotSampled: new AlwaysOnSampler() });
}

function setUp(serviceName: string, env: NodeJS.ProcessEnv): Tracing {
  // Off altogether: OpenTelemetry's API stays a no-op (no trace ids in the logs, no headers passed on).
  if (env.OTEL_SDK_DISABLED === 'true') return { exporting: false, shutdown: async () => undefined };
  const propagator = new W3CTraceContextPropagator();
  if (otlpConfigured(env)) {
    const sdk = new NodeSDK({
      serviceName: env.OTEL_SERVICE_NAME || serviceName,
      // Batched as OTEL_BSP_* say (every 5 s by default).
      traceExporter: new OTLPTraceExporter(),
      sampler: exportingSampler(env),
      textMapPropagator: propagator,
      instrumentations: [],
      // Traces only: metrics are Prometheus' (/metrics), logs are the JSON lines on stdout.
      metricReaders: [],
      logRecordProcessors: [],
    });
    sdk.start();
    return { exporting: true, shutdown: () => sdk.shutdown() };
  }
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(propagator);
  const provider = new TracerProvider({ sampler: new ParentBasedSampler({ root: new AlwaysOffSampler() }) });
  trace.setGlobalTracerProvider(provider);
  return { exporting: false, shutdown: () => provider.shutdown() };
}
