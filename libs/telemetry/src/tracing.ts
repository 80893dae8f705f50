import { context, diag, DiagConsoleLogger, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { diagLogLevelFromString, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, hostDetector, processDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  Sampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { batchOptionsFromEnv, samplerFromEnv, spanLimitsFromEnv } from './otel-environment';

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
  // The SDK reports its own trouble (a collector that cannot be reached…) only when asked to.
  const logLevel = diagLogLevelFromString(env.OTEL_LOG_LEVEL);
  if (logLevel !== undefined) diag.setLogger(new DiagConsoleLogger(), { logLevel });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const exporting = otlpConfigured(env);
  const provider = exporting
    ? exportingProvider(serviceName, env)
    : new TracerProvider({ sampler: new ParentBasedSampler({ root: new AlwaysOffSampler() }) });
  trace.setGlobalTracerProvider(provider);
  return { exporting, shutdown: () => provider.shutdown() };
}

/**
 * Spans batched as OTEL_BSP_* say (every 5 s by default) and exported over OTLP/HTTP; the
 * exporter reads OTEL_EXPORTER_OTLP_* itself. The resource is what @opentelemetry/sdk-node gave:
 * the SDK's own attributes, OTEL_RESOURCE_ATTRIBUTES, the process and the host, and the service
 * name (OTEL_SERVICE_NAME, else `serviceName`).
 */
function exportingProvider(serviceName: string, env: NodeJS.ProcessEnv): TracerProvider {
  const resource = defaultResource()
    .merge(detectResources({ detectors: [envDetector, processDetector, hostDetector] }))
    .merge(resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || serviceName }));
  return new TracerProvider({
    resource,
    sampler: exportingSampler(env) ?? samplerFromEnv(env),
    spanLimits: spanLimitsFromEnv(env),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), ...batchOptionsFromEnv(env) })],
  });
}
