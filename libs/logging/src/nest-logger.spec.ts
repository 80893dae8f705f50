import { Logger } from '@nestjs/common';
import { Writable } from 'node:stream';
import { PinoNestLogger } from './nest-logger';
import { createLogger } from './process-logger';

describe("Nest's Logger on pino", () => {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean).map((l: string) => JSON.parse(l)));
      done();
    },
  });
  const nest = new PinoNestLogger(createLogger({ service: 'hub', node: 'HUB', level: 'info', destination }));

  beforeAll(() => Logger.overrideLogger(nest));
  afterAll(() => Logger.overrideLogger(true));
  beforeEach(() => (lines.length = 0));

  it('writes text with its context, and an object as fields of the line', () => {
    const logger = new Logger('RoutingConsumer');
    logger.log('router started');
    logger.warn({ msg: 'message rejected', messageId: 'm-1', caseId: 'c-1', code: 'bad-signature', body: 'never' });
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'router started', context: 'RoutingConsumer', node: 'HUB', service: 'hub' }),
      expect.objectContaining({ level: 'warn', msg: 'message rejected', context: 'RoutingConsumer', messageId: 'm-1', caseId: 'c-1', body: '[redacted]' }),
    ]);
  });

  it('keeps the stack of an error, and an Error as err', () => {
    const logger = new Logger('InboundProcessor');
    const error = new Error('connection refused');
    logger.error('apply failed', error.stack);
    logger.error(error);
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'apply failed', context: 'InboundProcessor', stack: expect.stringContaining('at ') });
    expect(lines[1]).toMatchObject({ level: 'error', msg: 'connection refused', err: { type: 'Error', message: 'connection refused' } });
  });

  it("follows Nest's log levels: debug only when asked for", () => {
    const logger = new Logger('X');
    logger.debug('hidden');
    nest.setLogLevels(['debug', 'log', 'warn', 'error']);
    logger.debug('shown');
    nest.setLogLevels(['log', 'warn', 'error']);
    expect(lines.map((l) => l.msg)).toEqual(['shown']);
  });
});
