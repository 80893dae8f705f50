import { LoggerService, LogLevel } from '@nestjs/common';
import type { Logger } from 'pino';

const PINO_LEVEL: Record<LogLevel, 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'> = {
  fatal: 'fatal', error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace',
};

/**
 * Nest's logger on pino, so every `new Logger(Context)` in the code base writes JSON lines.
 * `logger.log('text')` gives `{"msg":"text","context":"Context"}`; an object,
 * `logger.log({ msg: 'message applied', messageId, caseId })`, gives its fields as fields of the
 * line, where redaction applies. Errors become `err` (type, message, stack).
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest's levels map onto pino's threshold: the lowest level asked for. */
  setLogLevels(levels: LogLevel[]): void {
    const order: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];
    const lowest = order.find((level) => levels.includes(level));
    this.pino.level = lowest ? PINO_LEVEL[lowest] : 'silent';
  }

  private write(level: LogLevel, message: unknown, params: unknown[]): void {
    const pinoLevel = PINO_LEVEL[level];
    if (!this.pino.isLevelEnabled(pinoLevel)) return;
    const rest = [...params];
    // Nest appends the logger's context as the last parameter; error() puts a stack before it.
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' && !isStack(rest[rest.length - 1]) ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    const stack = rest.find(isStack);
    if (message instanceof Error) {
      this.pino[pinoLevel]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      const { msg, message: text, ...own } = message as Record<string, unknown>;
      this.pino[pinoLevel]({ ...fields, ...own, ...(stack ? { stack } : {}) }, String(msg ?? text ?? ''));
    } else {
      this.pino[pinoLevel]({ ...fields, ...(stack ? { stack } : {}) }, String(message));
    }
  }
}

function isStack(value: unknown): value is string {
  return typeof value === 'string' && /\n\s+at /.test(value);
}
