import { connect, ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { Role } from '@imi/domain';
import { addSystem } from '../../apps/node/src/back-office/provisioning';
import { RabbitmqManagement } from '../../apps/node/src/back-office/rabbitmq-management';
import { systemNames } from '../../apps/node/src/back-office/topology';
import { eventually } from './http';
import { TestNetwork } from './network';
import { uniqueId } from '../stack/endpoints';

/** The body of a `request.create` command: FR-CNOM asks DE-BE-AEK whether the person's diploma is authentic. */
export function diplomaRequest(subject: Record<string, string>) {
  return {
    addresseeAuthorityId: 'DE-BE-AEK',
    legislativeArea: 'professional-qualifications',
    replyBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    questions: [{ questionId: 'pq.diploma.authentic' }],
    subject,
  };
}

export interface Reply {
  status: 'applied' | 'duplicate' | 'refused';
  operation?: string;
  messageId: string;
  result?: any;
  problem?: { type: string; title: string; status: number; detail?: string; errors?: unknown };
}

export interface ReceivedEvent {
  routingKey: string;
  messageId: string;
  headers: Record<string, unknown>;
  body: any;
}

/**
 * A national back-office system as a member state would write it, with amqplib and nothing of
 * the node: it signs in to the node's vhost with its own AMQP user, publishes commands to its
 * command exchange, and reads its reply and event queues.
 */
export class BackOfficeSystemClient {
  readonly replies = new Map<string, Reply>();
  readonly replyHeaders = new Map<string, Record<string, unknown>>();
  readonly events: ReceivedEvent[] = [];
  private connection!: ChannelModel;
  private channel!: ConfirmChannel;

  private constructor(
    readonly id: string,
    readonly url: string,
    private readonly cleanUp: () => Promise<void>,
  ) {}

  /** Registers the system on the node (its row, its AMQP user) and connects once the node declared its queues. */
  static async connect(network: TestNetwork, country: string, authorityId: string, roles: Role[], name = 'register'): Promise<BackOfficeSystemClient> {
    const node = network.node(country);
    const broker = network.amqpBroker();
    const id = uniqueId(`${country.toLowerCase()}-${name}-`).toLowerCase();
    const management = new RabbitmqManagement(broker.amqpManagementUrl);
    const credentials = await addSystem(node.db, management, broker.amqpUrl, country, { id, authorityId, roles }, node.amqpVhost);
    // AMQP users are the broker's, not the vhost's: the test's go with it.
    const client = new BackOfficeSystemClient(id, credentials.amqpUrl, () => management.deleteUser(credentials.username));
    await eventually(() => client.open(), 20_000);
    return client;
  }

  get names() {
    return systemNames(this.id);
  }

  async open(): Promise<void> {
    const connection = await connect(this.url, { timeout: 5000, noDelay: true });
    connection.on('error', () => undefined);
    try {
      const channel = await connection.createConfirmChannel();
      channel.on('error', () => undefined);
      // Passive checks: the system may declare nothing; the node declared these.
      await channel.checkQueue(this.names.replyQueue);
      await channel.checkQueue(this.names.eventQueue);
      await channel.consume(this.names.replyQueue, (m) => m && this.onReply(channel, m), { noAck: false });
      await channel.consume(this.names.eventQueue, (m) => m && this.onEvent(channel, m), { noAck: false });
      this.connection = connection;
      this.channel = channel;
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }

  /** Connects again after the broker came back (the old connection is gone). */
  async reopen(timeoutMs = 60_000): Promise<void> {
    // Not awaited: closing a connection the broker already dropped may never be answered.
    void this.connection?.close().catch(() => undefined);
    await eventually(() => this.open(), timeoutMs);
  }

  private onReply(channel: ConfirmChannel, message: ConsumeMessage): void {
    const key = String(message.properties.correlationId);
    this.replies.set(key, JSON.parse(message.content.toString()));
    this.replyHeaders.set(key, message.properties.headers ?? {});
    channel.ack(message);
  }

  private onEvent(channel: ConfirmChannel, message: ConsumeMessage): void {
    this.events.push({ routingKey: message.fields.routingKey, messageId: message.properties.messageId, headers: message.properties.headers ?? {}, body: JSON.parse(message.content.toString()) });
    channel.ack(message);
  }

  /** Publishes a command (confirmed by the broker); returns its correlation id. */
  async publish(operation: string | undefined, body: unknown, options: { messageId?: string | null; raw?: Buffer } = {}): Promise<string> {
    const correlationId = randomUUID();
    const messageId = options.messageId === null ? undefined : options.messageId ?? randomUUID();
    this.channel.publish(this.names.commandExchange, '', options.raw ?? Buffer.from(JSON.stringify(body)), {
      persistent: true, contentType: 'application/json', type: operation, messageId, correlationId, replyTo: this.names.replyQueue,
    });
    await this.channel.waitForConfirms();
    return correlationId;
  }

  async reply(correlationId: string, timeoutMs = 30_000): Promise<Reply> {
    return eventually(async () => {
      const reply = this.replies.get(correlationId);
      if (!reply) throw new Error(`no reply to ${correlationId} yet`);
      return reply;
    }, timeoutMs);
  }

  /** Sends a command and waits for its reply. */
  async send(operation: string, body: unknown, messageId?: string): Promise<Reply> {
    return this.reply(await this.publish(operation, body, { messageId }));
  }

  async event(event: string, id: string, timeoutMs = 30_000): Promise<ReceivedEvent> {
    return eventually(async () => {
      const found = this.events.find((e) => e.body.event === event && e.body.id === id);
      if (!found) throw new Error(`no ${event} for ${id} yet (have ${this.events.map((e) => e.body.event).join(', ')})`);
      return found;
    }, timeoutMs);
  }

  async close(): Promise<void> {
    await this.connection?.close().catch(() => undefined);
    await this.cleanUp().catch(() => undefined);
  }
}
