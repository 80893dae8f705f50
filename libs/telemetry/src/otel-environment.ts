import { diag } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessorOptions,
  ParentBasedSampler,
  Sampler,
  SpanLimits,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace';

/*
 * The OpenTelemetry SDK's own environment variables for traces, read as @opentelemetry/sdk-node
 * reads them (its create-from-env). sdk-node is not used: it brings the metrics and logs SDKs,
 * gRPC and protobuf exporters, Zipkin, Prometheus and auto-instrumentation hooks, none of which
 * this code base uses (metrics are prom-client's, logs are pino's, spans are made by hand).
 * Spec: https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/
 */

/** A number from the environment; blank or not a number counts as unset. */
function numberFrom(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (Number.isNaN(value)) {
    diag.warn(`${name} is not a number, ignored`);
    return undefined;
  }
  return value;
}

function nonNegativeFrom(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = numberFrom(env, name);
  return value !== undefined && value >= 0 ? value : undefined;
}

/** OTEL_TRACES_SAMPLER_ARG for the ratio samplers: 1 (everything) when unset or out of [0, 1]. */
function samplerRatio(env: NodeJS.ProcessEnv): number {
  const ratio = numberFrom(env, 'OTEL_TRACES_SAMPLER_ARG');
  if (ratio === undefined || ratio < 0 || ratio > 1) {
    if (ratio !== undefined) diag.error(`OTEL_TRACES_SAMPLER_ARG=${ratio} is outside [0, 1], using 1`);
    return 1;
  }
  return ratio;
}

/** The sampler OTEL_TRACES_SAMPLER names; undefined when unset or unknown (the SDK's default then). */
export function samplerFromEnv(env: NodeJS.ProcessEnv = process.env): Sampler | undefined {
  const name = env.OTEL_TRACES_SAMPLER?.trim();
  switch (name) {
    case undefined:
    case '':
      return undefined;
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(samplerRatio(env));
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(samplerRatio(env)) });
    default:
      diag.error(`unknown OTEL_TRACES_SAMPLER value "${name}", using the default`);
      return undefined;
  }
}

/** Batching of exported spans (OTEL_BSP_*; unset: every 5 s, batches of 512, queue of 2048). */
export function batchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Omit<BatchSpanProcessorOptions, 'exporter'> {
  return {
    maxQueueSize: nonNegativeFrom(env, 'OTEL_BSP_MAX_QUEUE_SIZE'),
    scheduledDelayMillis: nonNegativeFrom(env, 'OTEL_BSP_SCHEDULE_DELAY'),
    exportTimeoutMillis: nonNegativeFrom(env, 'OTEL_BSP_EXPORT_TIMEOUT'),
    maxExportBatchSize: nonNegativeFrom(env, 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE'),
  };
}

/** Span limits (OTEL_SPAN_*_LIMIT, OTEL_ATTRIBUTE_*_LIMIT); unset ones keep the SDK's defaults. */
export function spanLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): SpanLimits {
  return {
    attributeCountLimit: numberFrom(env, 'OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT') ?? numberFrom(env, 'OTEL_ATTRIBUTE_COUNT_LIMIT'),
    attributeValueLengthLimit:
      numberFrom(env, 'OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT') ?? numberFrom(env, 'OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT'),
    eventCountLimit: numberFrom(env, 'OTEL_SPAN_EVENT_COUNT_LIMIT'),
    linkCountLimit: numberFrom(env, 'OTEL_SPAN_LINK_COUNT_LIMIT'),
    attributePerEventCountLimit: numberFrom(env, 'OTEL_SPAN_ATTRIBUTE_PER_EVENT_COUNT_LIMIT'),
    attributePerLinkCountLimit: numberFrom(env, 'OTEL_SPAN_ATTRIBUTE_PER_LINK_COUNT_LIMIT'),
  };
}
