import { EventEmitter } from 'node:events';
import { Consumer } from 'kafkajs';
import { superviseConsumer } from './consumer-supervisor';

const EVENTS = { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join', STOP: 'consumer.stop', DISCONNECT: 'consumer.disconnect' };

/** A consumer as far as supervision uses it: its events. */
function fakeConsumer(): { consumer: Consumer; emit: (event: string, payload?: unknown) => void } {
  const emitter = new EventEmitter();
  const consumer = {
    events: EVENTS,
    on: (event: string, listener: (e: unknown) => void) => {
      emitter.on(event, listener);
      return () => emitter.off(event, listener);
    },
  } as unknown as Consumer;
  return { consumer, emit: (event, payload) => emitter.emit(event, { payload }) };
}

const tick = (ms = 15) => new Promise((resolve) => setTimeout(resolve, ms));

describe('superviseConsumer', () => {
  it('is ready once the consumer joined its group, and not after a crash, a stop or a disconnect', () => {
    const { consumer, emit } = fakeConsumer();
    const supervised = superviseConsumer(consumer, async () => undefined);
    expect(supervised.ready).toBe(false);
    emit(EVENTS.GROUP_JOIN, {});
    expect(supervised.ready).toBe(true);
    emit(EVENTS.CRASH, { error: new Error('x'), restart: true });
    expect(supervised.ready).toBe(false);
    emit(EVENTS.GROUP_JOIN, {});
    emit(EVENTS.DISCONNECT);
    expect(supervised.ready).toBe(false);
    supervised.stop();
  });

  it('leaves a restart kafkajs makes itself alone, and starts again a consumer kafkajs left stopped, retrying a failed start', async () => {
    const { consumer, emit } = fakeConsumer();
    const starts: number[] = [];
    let failNext = true;
    const supervised = superviseConsumer(consumer, async () => {
      starts.push(Date.now());
      if (failNext) {
        failNext = false;
        throw new Error('broker not reachable');
      }
    }, { minDelayMs: 1, maxDelayMs: 2 });
    emit(EVENTS.CRASH, { error: new Error('retriable'), restart: true });
    await tick();
    expect(starts).toHaveLength(0);
    emit(EVENTS.CRASH, { error: new TypeError('not retriable'), restart: false });
    await tick(40);
    expect(starts).toHaveLength(2);
    supervised.stop();
  });

  it('starts nothing once stopped', async () => {
    const { consumer, emit } = fakeConsumer();
    let starts = 0;
    const supervised = superviseConsumer(consumer, async () => void starts++, { minDelayMs: 1 });
    supervised.stop();
    emit(EVENTS.CRASH, { error: new TypeError('x'), restart: false });
    await tick();
    expect(starts).toBe(0);
  });
});
