import type { HealthCheckResult } from '@nestjs/terminus';

/** A check's state as the readiness endpoint shows it: up or down, never a value or an error text. */
export type CheckStates = Record<string, 'up' | 'down'>;

export type ReadinessAnswer =
  | { status: 200; body: { status: 'ready'; checks: CheckStates } }
  | { status: 503; body: { type: string; title: string; status: 503; detail: string; notReady: string[]; checks: CheckStates } };

/** The readiness endpoint's answer: 200, or 503 with problem details (RFC 9457) naming what is not ready. */
export function readinessAnswer(result: HealthCheckResult): ReadinessAnswer {
  const checks: CheckStates = Object.fromEntries(Object.entries(result.details).map(([name, detail]) => [name, detail.status === 'up' ? 'up' : 'down']));
  const notReady = failing(result);
  if (notReady.length === 0) return { status: 200, body: { status: 'ready', checks } };
  return { status: 503, body: { type: 'urn:imi:problem:not-ready', title: 'not ready', status: 503, detail: `not ready: ${notReady.join(', ')}`, notReady, checks } };
}

/** The names of the checks that are down in a terminus result. */
export function failing(result: HealthCheckResult): string[] {
  return Object.entries(result.details).filter(([, detail]) => detail.status !== 'up').map(([name]) => name);
}
