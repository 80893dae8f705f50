import { EventEmitter } from 'node:events';
import { Pool } from 'pg';
import { Listener } from './listener';

/** A pool client as far as the listener uses it: events, query, release. */
class FakeClient extends EventEmitter {
  readonly queries: string[] = [];
  released: unknown = undefined;
  constructor(private readonly failQuery = false) {
    super();
  }
  async query(text: string): Promise<void> {
    if (this.failQuery) throw Object.assign(new Error('the database system is starting up'), { code: '57P03' });
    this.queries.push(text);
  }
  release(error?: unknown): void {
    if (this.released !== undefined) throw new Error('Release called on client which has already been released to the pool.');
    this.released = error ?? false;
  }
}

/** Hands out the scripted outcomes in turn: a client, or a refused connection. */
function fakePool(outcomes: (FakeClient | Error)[]): Pool {
  return {
    connect: async () => {
      const next = outcomes.shift();
      if (!next) throw new Error('no more connections scripted');
      if (next instanceof Error) throw next;
      return next;
    },
  } as unknown as Pool;
}

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
};

describe('Listener', () => {
  it('LISTENs on each channel and hands notifications on', async () => {
    const client = new FakeClient();
    const notified: unknown[] = [];
    const listener = new Listener(fakePool([client]), ['outbox', 'registry_changed'], { onNotification: (n) => notified.push(n.payload) });
    await listener.start();
    expect(client.queries).toEqual(['LISTEN outbox', 'LISTEN registry_changed']);
    client.emit('notification', { channel: 'outbox', payload: 'x' });
    expect(notified).toEqual(['x']);
    expect(listener.connected).toBe(true);
    await listener.close();
  });

  it('survives a lost connection: drops the client, reconnects with backoff through refusals, LISTENs again and catches up', async () => {
    const first = new FakeClient();
    const second = new FakeClient(true);
    const third = new FakeClient();
    const errors: string[] = [];
    let reconnected = 0;
    const listener = new Listener(fakePool([first, refused(), second, third]), ['outbox'], {
      onNotification: () => undefined,
      onReconnect: () => reconnected++,
      onError: (error) => errors.push(error.message),
    }, { minDelayMs: 1, maxDelayMs: 4 });
    await listener.start();

    // The server went away (57P01), then the socket ended: one loss, not two.
    first.emit('error', Object.assign(new Error('terminating connection due to unexpected postmaster exit'), { code: '57P01' }));
    first.emit('end');
    expect(first.released).toBeInstanceOf(Error);
    expect(listener.connected).toBe(false);

    await until(() => reconnected === 1);
    expect(second.released).toBeInstanceOf(Error);
    expect(third.queries).toEqual(['LISTEN outbox']);
    expect(listener.connected).toBe(true);
    expect(errors).toEqual(['terminating connection due to unexpected postmaster exit', 'connect ECONNREFUSED 127.0.0.1:5432', 'the database system is starting up']);
    await listener.close();
    expect(third.released).toBe(true);
  });

  it('stops reconnecting once closed', async () => {
    const client = new FakeClient();
    let connects = 0;
    const pool = { connect: async () => (connects++ === 0 ? client : new FakeClient()) } as unknown as Pool;
    const listener = new Listener(pool, ['outbox'], { onNotification: () => undefined }, { minDelayMs: 1 });
    await listener.start();
    await listener.close();
    client.emit('error', new Error('Connection terminated unexpectedly'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(connects).toBe(1);
  });

  it('fails to start when the first connection fails, and refuses a channel name it would have to quote', async () => {
    await expect(new Listener(fakePool([refused()]), ['outbox'], { onNotification: () => undefined }).start()).rejects.toThrow('ECONNREFUSED');
    expect(() => new Listener(fakePool([]), ['outbox; DROP TABLE x'], { onNotification: () => undefined })).toThrow('not a channel name');
  });
});
