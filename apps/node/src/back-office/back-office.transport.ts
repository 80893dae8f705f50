import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { connect, ChannelModel, Channel, ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { parseCommand, ParsedCommand, RefusedCommand } from './command';
import type { Outcome } from './command.executor';
import type { Contract } from './contract';
import type { BackOfficeSystem } from './systems.repository';
import { DEAD_LETTER_QUEUE, eventBindingKey, EVENTS_EXCHANGE, systemNames } from './topology';

/** What a command handler registered with the transport gets. */
export interface CommandInput {
  system: BackOfficeSystem;
  command: ParsedCommand;
}

const DEAD_LETTER_TTL_MS = 7 * 86_400_000;
/** Commands a system may have in progress at once; those about the same request or alert still apply one after the other. */
const COMMANDS_IN_PROGRESS = 32;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Closes a connection, giving up after a moment: one the broker already dropped may never answer. */
async function closeQuietly(connection: ChannelModel | null | undefined): Promise<void> {
  if (!connection) return;
  await Promise.race([connection.close().catch(() => undefined), sleep(2000)]);
}

/**
 * Inbound commands over AMQP 0-9-1, as a Nest microservice transport (a custom transport
 * strategy): each operation is a message pattern whose handler the bridge module registers;
 * this class owns the broker side with amqplib. One quorum command queue per system; commands
 * about the same request or alert apply in the order they were sent, others in parallel (up
 * to COMMANDS_IN_PROGRESS); each is acknowledged only after the handler's transaction
 * committed and the broker confirmed the reply. Replies, dead
 * letters and events go through a confirm channel. The connection is re-established with
 * backoff when the broker goes away; unacknowledged commands are then delivered again and the
 * idempotency record makes them no-ops.
 */
export class BackOfficeTransport extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger('BackOfficeBridge');
  private connection: ChannelModel | null = null;
  private consumer: Channel | null = null;
  private publisher: ConfirmChannel | null = null;
  private systems: BackOfficeSystem[] = [];
  private consuming = new Set<string>();
  private closing = false;
  private connecting: Promise<void> | null = null;
  /** The last command in progress per request or alert id: the next one about it waits for it. */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly url: string,
    private readonly contract: Contract,
    private readonly loadSystems: () => Promise<BackOfficeSystem[]>,
  ) {
    super();
  }

  /** Connects (retrying in the background until the broker answers) and starts consuming. */
  listen(callback: (...optionalParams: unknown[]) => void): void {
    void this.ensureConnected().catch(() => undefined);
    callback();
  }

  async close(): Promise<void> {
    this.closing = true;
    const connection = this.connection;
    this.connection = this.consumer = this.publisher = null;
    await closeQuietly(connection);
  }

  on(): never {
    throw new Error('the back-office transport emits no events');
  }

  unwrap<T>(): T {
    return this.connection as T;
  }

  get connected(): boolean {
    return this.publisher !== null;
  }

  /** Picks up systems added since (the node CLI adds them while the node runs). */
  async refreshSystems(): Promise<void> {
    if (!this.consumer) return;
    this.systems = await this.loadSystems();
    for (const system of this.systems) if (!this.consuming.has(system.id)) await this.declareAndConsume(system);
  }

  ensureConnected(): Promise<void> {
    if (this.publisher || this.closing) return Promise.resolve();
    this.connecting ??= this.connectWithRetry().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connectWithRetry(): Promise<void> {
    for (let attempt = 0; !this.closing; attempt++) {
      try {
        await this.open();
        if (attempt > 0) this.logger.log('connected to the broker again');
        return;
      } catch (error) {
        const failed = this.connection;
        this.connection = this.consumer = this.publisher = null;
        await closeQuietly(failed);
        if (attempt === 0) this.logger.warn(`broker unreachable (${(error as Error).message}); retrying`);
        await sleep(Math.min(250 * 2 ** attempt, 5000));
      }
    }
  }

  private async open(): Promise<void> {
    const connection = await connect(this.url, { timeout: 10_000, noDelay: true, clientProperties: { connection_name: 'imi-node-bridge' } });
    this.connection = connection;
    connection.on('error', () => undefined);
    connection.on('close', () => {
      if (this.connection !== connection) return;
      this.connection = this.consumer = this.publisher = null;
      this.consuming.clear();
      if (!this.closing) {
        this.logger.warn('broker connection lost; reconnecting');
        void this.ensureConnected();
      }
    });
    const consumer = await connection.createChannel();
    consumer.on('error', () => undefined);
    const publisher = await connection.createConfirmChannel();
    publisher.on('error', () => undefined);
    await consumer.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
    await consumer.assertQueue(DEAD_LETTER_QUEUE, { durable: true, arguments: { 'x-queue-type': 'quorum', 'x-message-ttl': DEAD_LETTER_TTL_MS } });
    await consumer.prefetch(COMMANDS_IN_PROGRESS, false);
    this.consumer = consumer;
    this.consuming.clear();
    this.systems = await this.loadSystems();
    for (const system of this.systems) await this.declareAndConsume(system);
    this.publisher = publisher;
  }

  private async declareAndConsume(system: BackOfficeSystem): Promise<void> {
    const consumer = this.consumer!;
    const names = systemNames(system.id);
    const quorum = { durable: true, arguments: { 'x-queue-type': 'quorum' } };
    await consumer.assertExchange(names.commandExchange, 'fanout', { durable: true });
    await consumer.assertQueue(names.commandQueue, quorum);
    await consumer.bindQueue(names.commandQueue, names.commandExchange, '');
    await consumer.assertQueue(names.replyQueue, quorum);
    await consumer.assertQueue(names.eventQueue, quorum);
    await consumer.bindQueue(names.eventQueue, EVENTS_EXCHANGE, eventBindingKey(system.authorityId));
    this.consuming.add(system.id);
    await consumer.consume(names.commandQueue, (message) => {
      if (message) this.onDelivery(consumer, system, message);
    }, { noAck: false });
  }

  /** Read in delivery order; a command about a request or alert waits for the one before it about the same. */
  private onDelivery(channel: Channel, system: BackOfficeSystem, message: ConsumeMessage): void {
    const parsed = parseCommand({ messageId: message.properties.messageId, type: message.properties.type }, message.content, this.contract);
    const run = () => this.onCommand(channel, system, message, parsed);
    const key = parsed.ok ? parsed.id : undefined;
    if (!key) {
      void run();
      return;
    }
    const next = (this.chains.get(key) ?? Promise.resolve()).then(run);
    this.chains.set(key, next);
    void next.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }

  /** Never rejects: every outcome is a reply and an acknowledgement, or a later redelivery. */
  private async onCommand(channel: Channel, system: BackOfficeSystem, message: ConsumeMessage, parsed: ParsedCommand | RefusedCommand): Promise<void> {
    let outcome: Outcome;
    try {
      if (!parsed.ok) outcome = { status: 'refused', reason: parsed.reason, problem: parsed.problem };
      else {
        const handler = this.getHandlerByPattern(parsed.operation);
        if (!handler) throw new Error(`no handler for ${parsed.operation}`);
        outcome = (await handler({ system, command: parsed } satisfies CommandInput)) as Outcome;
      }
      const operation = parsed.ok ? parsed.operation : undefined;
      await this.reply(system, message, operation, outcome);
      if (outcome.status === 'refused') await this.deadLetter(system, message, outcome);
      channel.ack(message);
      this.logger.debug?.(`${system.id} ${operation ?? '-'} ${message.properties.messageId ?? '-'}: ${outcome.status}`);
    } catch (error) {
      // Infrastructure (database, broker): the command is delivered again later; nothing was committed, or it was and the redelivery is a no-op.
      this.logger.warn(`command ${message.properties.messageId ?? '(no id)'} of ${system.id} not applied yet: ${(error as Error).name}`);
      await sleep(1000);
      try {
        channel.nack(message, false, true);
      } catch {
        // The channel is gone: the broker redelivers unacknowledged messages by itself.
      }
    }
  }

  private async reply(system: BackOfficeSystem, message: ConsumeMessage, operation: string | undefined, outcome: Outcome): Promise<void> {
    const messageId = typeof message.properties.messageId === 'string' ? message.properties.messageId : '';
    const body = outcome.status === 'refused'
      ? { status: outcome.status, operation, messageId, problem: outcome.problem }
      : { status: outcome.status, operation, messageId, result: outcome.result ?? null };
    // Replies go to the system's own reply queue, whatever reply_to names: it may read no other.
    await this.publishConfirmed('', systemNames(system.id).replyQueue, Buffer.from(JSON.stringify(body)), {
      correlationId: message.properties.correlationId ?? (messageId || undefined),
      type: outcome.status === 'refused' ? 'problem' : `${operation}.result`,
      contentType: outcome.status === 'refused' ? 'application/problem+json' : 'application/json',
    });
  }

  /** The refused command as it came, with the reason (class, status, problem type; no values) in headers. */
  private async deadLetter(system: BackOfficeSystem, message: ConsumeMessage, outcome: Extract<Outcome, { status: 'refused' }>): Promise<void> {
    await this.publishConfirmed('', DEAD_LETTER_QUEUE, message.content, {
      messageId: message.properties.messageId,
      type: message.properties.type,
      correlationId: message.properties.correlationId,
      contentType: message.properties.contentType,
      headers: { 'x-imi-system': system.id, 'x-imi-reason': outcome.reason, 'x-imi-status': outcome.problem.status, 'x-imi-problem-type': outcome.problem.type },
    });
  }

  /** Publishes persistently and resolves once the broker confirmed; fails when it cannot. */
  async publishConfirmed(exchange: string, routingKey: string, content: Buffer, options: Options.Publish = {}): Promise<void> {
    const channel = this.publisher;
    if (!channel) throw Object.assign(new Error('not connected to the broker'), { retriable: true });
    await new Promise<void>((resolve, reject) => {
      try {
        channel.publish(exchange, routingKey, content, { persistent: true, messageId: options.messageId ?? randomUUID(), timestamp: Math.floor(Date.now() / 1000), ...options },
          (error) => (error ? reject(Object.assign(new Error('the broker did not confirm'), { retriable: true })) : resolve()));
      } catch (error) {
        reject(Object.assign(error as Error, { retriable: true }));
      }
    });
  }
}
