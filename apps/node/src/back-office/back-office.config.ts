import { KeyError } from '@imi/envelope';
import type { NodeConfig } from '../config';

/** Where the node's back-office bridge connects: its own AMQP user on its own vhost. */
export interface BackOfficeConfig {
  /** amqp://user:password@host:port/vhost (`AMQP_URL`); the node declares its exchanges and queues there. */
  amqpUrl: string;
  /** How often the event outbox is read when no notification arrives (`AMQP_EVENTS_POLL_MS`, default 5 s). */
  eventsPollMs: number;
  /** How often requests are checked for an approaching reply date (`AMQP_DEADLINE_CHECK_MS`, default a minute). */
  deadlineCheckMs: number;
}

declare module '../config' {
  interface NodeConfig {
    /** The back-office bridge over AMQP; absent, the node runs without it. */
    backOffice?: BackOfficeConfig;
  }
}

/** `AMQP_URL` turns the bridge on. Its vhost must be the node's own (created by `node:back-office setup`). */
export function backOfficeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): BackOfficeConfig | undefined {
  const url = env.AMQP_URL;
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new KeyError('AMQP_URL is not a URL');
  }
  if (parsed.protocol !== 'amqp:' && parsed.protocol !== 'amqps:') throw new KeyError('AMQP_URL must be an amqp:// or amqps:// URL');
  const eventsPollMs = Number(env.AMQP_EVENTS_POLL_MS ?? 5000);
  if (!Number.isFinite(eventsPollMs) || eventsPollMs <= 0) throw new KeyError('AMQP_EVENTS_POLL_MS must be a positive number');
  const deadlineCheckMs = Number(env.AMQP_DEADLINE_CHECK_MS ?? 60_000);
  if (!Number.isFinite(deadlineCheckMs) || deadlineCheckMs <= 0) throw new KeyError('AMQP_DEADLINE_CHECK_MS must be a positive number');
  return { amqpUrl: url, eventsPollMs, deadlineCheckMs };
}

/** The node's configuration with the bridge's, both from the environment. */
export function withBackOffice(config: NodeConfig, env: NodeJS.ProcessEnv = process.env): NodeConfig {
  return { ...config, backOffice: backOfficeConfigFromEnv(env) };
}
