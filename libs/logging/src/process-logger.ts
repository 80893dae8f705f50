import { basename } from 'node:path';
import pino, { DestinationStream, Logger } from 'pino';
import pretty from 'pino-pretty';
import { activeTraceIds } from '@imi/telemetry';
import { REDACTED, redactPaths } from './redaction';

export interface LoggingOptions {
  /** `hub` or `node`: which program wrote the line. */
  service: string;
  /** The node this process serves (its country code, or HUB): on every line. */
  node: string;
  /** pino's level (LOG_LEVEL): trace, debug, info (default), warn, error, fatal, silent. */
  level?: string;
  /** `json` (default): one JSON object a line, for collectors. `pretty` (LOG_FORMAT=pretty): for a person at a terminal. */
  format?: 'json' | 'pretty';
  /** Where lines go: stdout unless given (tests). */
  destination?: DestinationStream;
}

/**
 * A pino logger writing JSON lines: ISO time, level by name, `service` and `node`, the trace
 * and span id of the active span (when there is one), and redaction of every field that could
 * hold personal data (redaction.ts). Writes are synchronous: a line logged just before the
 * process exits is not lost.
 */
export function createLogger(options: LoggingOptions): Logger {
  const destination = options.destination ?? (options.format === 'pretty'
    ? pretty({ sync: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service,node,context', messageFormat: '{if context}{context}: {end}{msg}' })
    : pino.destination({ fd: 1, sync: true }));
  return pino({
    level: options.level ?? 'info',
    base: { service: options.service, node: options.node },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: redactPaths(), censor: REDACTED },
    mixin: () => activeTraceIds() ?? {},
  }, destination);
}

/** The options a hub or node process takes from its environment (LOG_LEVEL, LOG_FORMAT). */
export function loggingFromEnv(service: string, node: string, env: NodeJS.ProcessEnv = process.env): LoggingOptions {
  return { service, node, level: env.LOG_LEVEL || 'info', format: env.LOG_FORMAT === 'pretty' ? 'pretty' : 'json' };
}

let current: Logger | null = null;

/**
 * The process's logger, for code outside Nest's (kafkajs' log lines). A hub or node sets it at
 * start (useProcessLogger); until then, and in tools and tests, JSON lines on stderr at warn
 * level: a command-line tool's stdout stays its output (several print JSON that scripts read).
 */
export function processLogger(): Logger {
  current ??= createLogger({
    service: basename(process.argv[1] ?? 'node').replace(/\.[cm]?[jt]s$/, ''), node: '-', level: 'warn', destination: pino.destination({ fd: 2, sync: true }),
  });
  return current;
}

export function useProcessLogger(logger: Logger): void {
  current = logger;
}
