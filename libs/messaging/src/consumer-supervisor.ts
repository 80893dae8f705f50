import { Consumer } from 'kafkajs';

export interface SupervisedConsumer {
  /** Whether the consumer is in its group now (false while it is crashed or restarting). */
  readonly ready: boolean;
  /** Stops supervising, so a crash during shutdown starts nothing again. */
  stop(): void;
}

/**
 * Keeps a consumer running. kafkajs restarts a consumer by itself after a retriable crash (a
 * batch that kept failing while the database was down), but leaves it stopped for good after
 * one it deems non-retriable (a TypeError, a fenced producer): this starts it again, with
 * backoff, so a fault never ends consumption for the life of the process.
 * `start`: connect, subscribe and run, as at first.
 */
export function superviseConsumer(
  consumer: Consumer,
  start: () => Promise<void>,
  options: { onCrash?: (error: Error, restarting: boolean) => void; minDelayMs?: number; maxDelayMs?: number } = {},
): SupervisedConsumer {
  const { CRASH, GROUP_JOIN, STOP, DISCONNECT } = consumer.events;
  const min = options.minDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 30_000;
  let delay = min;
  let joined = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const restart = () => {
    timer = null;
    if (stopped) return;
    start().catch((error: Error) => {
      options.onCrash?.(error, true);
      schedule();
    });
  };
  const schedule = () => {
    if (stopped || timer) return;
    timer = setTimeout(restart, delay);
    delay = Math.min(delay * 2, max);
  };

  const removers = [
    consumer.on(GROUP_JOIN, () => {
      joined = true;
      delay = min;
    }),
    consumer.on(CRASH, ({ payload }) => {
      joined = false;
      options.onCrash?.(payload.error, true);
      // kafkajs restarts it itself when payload.restart is true.
      if (!payload.restart) schedule();
    }),
    consumer.on(STOP, () => (joined = false)),
    consumer.on(DISCONNECT, () => (joined = false)),
  ];

  return {
    get ready() {
      return joined && !stopped;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const remove of removers) remove();
    },
  };
}

/**
 * How long a fetch waits on the broker for new records (kafkajs's default is 5 s). A consumer's
 * disconnect waits for its open fetch to return, so this bounds how long stopping a process
 * takes per consumer; records that arrive end the wait at once, so latency does not change.
 */
export const FETCH_WAIT_MS = 1000;
