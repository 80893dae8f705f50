import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The process's own metrics (CPU, memory, event loop, GC: prom-client's defaults) are the
 * process's, not an application's: a test runs the hub and several nodes in one process, each
 * with a registry of its own, and every one of them shows the same process figures. Collected
 * once per process (per module instance), so starting many apps does not add observers.
 */
let processRegistry: Registry | null = null;

export function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** The text exposition format (version 0.0.4) of an application's registry and the process's metrics. */
export async function exposition(registry: Registry): Promise<{ contentType: string; body: string }> {
  const [own, process] = await Promise.all([registry.metrics(), processMetrics().metrics()]);
  return { contentType: registry.contentType, body: `${own}\n${process}` };
}
