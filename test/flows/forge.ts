import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Consumer, Kafka, Partitioners, Producer } from 'kafkajs';
import {
  AvroCodec, DetachedSigner, Envelope, findSchemasDir, generateSigningKey, HEADERS, NodeCrypto, readKeySet, TrustStore,
} from '@imi/envelope';
import { createKafka, topicNames } from '@imi/messaging';
import { RegistryRepository } from '../../apps/hub/src/registry/registry.repository';
import { kafkaCredentials, stackEndpoints } from '../stack/endpoints';
import { TestNetwork } from './network';

/**
 * Builds raw messages as a node (or an impostor) would, to feed the hub and the nodes
 * exactly the bytes a test needs: valid, tampered, unsigned, mis-addressed.
 */
export class Forge {
  readonly kafka: Kafka;
  private constructor(
    readonly network: TestNetwork,
    readonly codec: AvroCodec,
    readonly trust: TrustStore,
    readonly producer: Producer,
  ) {
    this.kafka = createKafka(stackEndpoints().kafkaBrokers, 'forge', kafkaCredentials('admin'));
  }

  static async open(network: TestNetwork): Promise<Forge> {
    const endpoints = stackEndpoints();
    const codec = await AvroCodec.connect(endpoints.schemaRegistryUrl, findSchemasDir());
    const trust = new TrustStore();
    trust.replace(await new RegistryRepository(network.hubDb).nextTrustList(new Date()));
    const producer = createKafka(endpoints.kafkaBrokers, 'forge', kafkaCredentials('admin')).producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    return new Forge(network, codec, trust, producer);
  }

  get topics() {
    return topicNames(this.network.prefix);
  }

  crypto(node: string): NodeCrypto {
    return new NodeCrypto(readKeySet(join(this.network.keysRoot, node)), this.trust);
  }

  /** A well-formed request.sent from FR-CNOM to DE-BE-AEK, sealed for DE. */
  requestSent(overrides: Partial<Envelope> = {}): Envelope {
    const requestId = randomUUID();
    const body = this.codec.encodeBody('request.sent', {
      requestId, requesterAuthorityId: 'FR-CNOM', addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications',
      replyBy: Date.now() + 86_400_000, questions: [{ questionId: 'pq.diploma.authentic', freeText: null }], confidential: false, sensitiveReason: null,
    });
    return {
      messageId: randomUUID(), type: 'request.sent', senderNode: 'FR', senderAuthority: 'FR-CNOM', recipientNodes: ['DE'],
      recipientAuthorities: ['DE-BE-AEK'], caseId: requestId, legislativeArea: 'professional-qualifications', sentAt: Date.now(),
      causationId: null, bodyEncoding: 'JWE', body: this.crypto('FR').sealFor(body, ['DE']), ...overrides,
    };
  }

  /**
   * Signs `value` as `node` would (signature protocol 2, over the manifest); `impostor` signs
   * with a key nobody registered. Bytes that are no envelope have no manifest: they are signed
   * as a node before protocol 2 would sign them, over the whole value (`protocol` 1 does that
   * for an envelope too).
   */
  signed(value: Buffer, node = 'FR', impostor = false, protocol: 1 | 2 = 2): { key: string; value: Buffer; headers: Record<string, string> } {
    const jwk = impostor ? generateSigningKey(node) : readKeySet(join(this.network.keysRoot, node)).signing;
    const body = this.codec.envelopeBody(value);
    const signer = new DetachedSigner(jwk, {}, body ? protocol : 1);
    return { key: randomUUID(), value, headers: { [HEADERS.signature]: signer.signMessage(value, body ?? Buffer.alloc(0)) } };
  }

  /** `message` as the hub delivers it into an inbox: countersigned for routing with the hub's key. */
  routedByHub(message: { key: string; value: Buffer; headers: Record<string, string> }): { key: string; value: Buffer; headers: Record<string, string> } {
    const hub = new DetachedSigner(readKeySet(join(this.network.keysRoot, 'hub')).signing, { purpose: 'routed' });
    const body = this.codec.envelopeBody(message.value);
    if (!body) throw new Error('the hub routes envelopes only');
    return { ...message, headers: { ...message.headers, [HEADERS.hubSignature]: hub.signMessage(message.value, body) } };
  }

  async send(topic: string, message: { key: string; value: Buffer; headers: Record<string, string> }): Promise<void> {
    await this.producer.send({ topic, messages: [message] });
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

export interface RejectionNotice {
  code: string;
  messageId: string | null;
  senderNode: string | null;
}

/** Collects the hub's hub.rejected notices (JSON, keyed like the record they reject) for a test file. */
export class RejectionNotices {
  private readonly seen = new Map<string, RejectionNotice>();

  private constructor(private readonly consumer: Consumer) {}

  static async watch(forge: Forge): Promise<RejectionNotices> {
    const consumer = forge.kafka.consumer({ groupId: `rejected-${randomUUID()}`, maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic: forge.topics.rejected, fromBeginning: true });
    const notices = new RejectionNotices(consumer);
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key && message.value) notices.seen.set(message.key.toString(), JSON.parse(message.value.toString()));
      },
    });
    return notices;
  }

  async for(key: string, timeoutMs = 30_000): Promise<RejectionNotice> {
    const deadline = Date.now() + timeoutMs;
    while (!this.seen.has(key)) {
      if (Date.now() > deadline) throw new Error(`no rejection notice for ${key}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return this.seen.get(key)!;
  }

  all(): RejectionNotice[] {
    return [...this.seen.values()];
  }

  /** The keys of the records rejected so far. */
  keys(): string[] {
    return [...this.seen.keys()];
  }

  async close(): Promise<void> {
    await this.consumer.disconnect();
  }
}

/** A node's inbox counters, from its health endpoint (ids and counts only). */
export async function inboxCounts(url: string): Promise<Record<'applied' | 'duplicate' | 'rejected' | 'ignored', number>> {
  return ((await (await fetch(`${url}/health`)).json()) as { inbox: Record<"applied" | "duplicate" | "rejected" | "ignored", number> }).inbox;
}
