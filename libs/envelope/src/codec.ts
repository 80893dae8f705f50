import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import * as avro from 'avsc';
import { boundAvroBlockReads } from './avro-bounds';
import { Envelope } from './envelope';
import { checkEnvelopeFields } from './envelope-fields';
import { MessageRejected } from './errors';
import { ENVELOPE_SCHEMA, MESSAGE_TYPES, MessageType } from './message-types';
import { frame, unframe } from './wire-format';

// Before any type is made: resolvers copy the read functions they are made with.
boundAvroBlockReads();

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Registered {
  id: number;
  type: avro.Type;
  /** Resolvers from writer schema ids seen on the wire to this reader schema. */
  resolvers: Map<number, avro.Resolver | null>;
}

/** Thrown when the registry cannot be reached: retriable, unlike a bad message. */
export class RegistryUnavailable extends Error {
  readonly retriable = true;
  constructor(cause: unknown) {
    super(`schema registry unavailable: ${(cause as Error)?.message ?? cause}`);
    this.name = 'RegistryUnavailable';
  }
}

/**
 * Avro codec for the envelope and every message body, in the Confluent wire format. The
 * schemas in `schemas/` are registered (BACKWARD compatible) under their record's full name;
 * values written with an older registered version are read through an Avro resolver.
 */
export class AvroCodec {
  private constructor(
    private readonly registry: SchemaRegistry,
    private readonly envelope: Registered,
    private readonly bodies: Map<MessageType, Registered>,
  ) {}

  static async connect(registryUrl: string, schemasDir: string): Promise<AvroCodec> {
    const registry = new SchemaRegistry({ host: registryUrl });
    const register = async (file: string): Promise<Registered> => {
      const schema = readFileSync(join(schemasDir, file), 'utf8');
      const type = avro.Type.forSchema(JSON.parse(schema));
      const { id } = await registry.register(
        { type: SchemaType.AVRO, schema },
        { subject: type.name!, compatibility: COMPATIBILITY.BACKWARD },
      );
      return { id, type, resolvers: new Map([[id, null]]) };
    };
    const envelope = await register(ENVELOPE_SCHEMA);
    const bodies = new Map<MessageType, Registered>();
    for (const [name, spec] of Object.entries(MESSAGE_TYPES)) bodies.set(name as MessageType, await register(spec.schema));
    return new AvroCodec(registry, envelope, bodies);
  }

  encodeEnvelope(envelope: Envelope): Buffer {
    return frame(this.envelope.id, this.envelope.type.toBuffer(envelope));
  }

  async decodeEnvelope(bytes: Buffer): Promise<Envelope> {
    const envelope = (await this.read(this.envelope, bytes)) as Envelope;
    // Receivers key their inbox on it: anything but a UUID as senders draw them is malformed.
    if (!CANONICAL_UUID.test(envelope.messageId)) throw new MessageRejected('malformed', 'the message id is not a UUID');
    checkEnvelopeFields(envelope);
    return envelope;
  }

  /**
   * The body of an envelope written with this codec's own schema version, or null for any other
   * bytes: for signing what one has just encoded, without a registry round trip.
   */
  envelopeBody(value: Buffer): Buffer | null {
    try {
      const { schemaId, avro: payload } = unframe(value);
      if (schemaId !== this.envelope.id) return null;
      const { value: envelope, offset } = this.envelope.type.decode(payload, 0);
      return offset === payload.length ? (envelope as Envelope).body : null;
    } catch {
      return null;
    }
  }

  encodeBody<T>(type: MessageType, body: T): Buffer {
    const registered = this.bodies.get(type)!;
    try {
      return frame(registered.id, registered.type.toBuffer(body));
    } catch (error) {
      throw new MessageRejected('invalid-content', `body does not fit ${type}: ${(error as Error).message}`);
    }
  }

  async decodeBody<T>(type: MessageType, bytes: Buffer): Promise<T> {
    const registered = this.bodies.get(type);
    if (!registered) throw new MessageRejected('unknown-type', `unknown message type ${type}`);
    return (await this.read(registered, bytes)) as T;
  }

  private async read(reader: Registered, bytes: Buffer): Promise<unknown> {
    const { schemaId, avro: payload } = unframe(bytes);
    let resolver = reader.resolvers.get(schemaId);
    if (resolver === undefined) {
      const writer = await this.writerType(schemaId, reader);
      try {
        resolver = reader.type.createResolver(writer);
      } catch {
        throw new MessageRejected('unknown-schema', `schema id ${schemaId} cannot be read as ${reader.type.name}`);
      }
      reader.resolvers.set(schemaId, resolver);
    }
    try {
      // decode (not fromBuffer) so trailing bytes are detected rather than ignored.
      const { value, offset } = reader.type.decode(payload, 0, resolver ?? undefined);
      if (offset !== payload.length) throw new Error(offset < 0 ? 'truncated' : 'trailing bytes');
      return value;
    } catch (error) {
      throw new MessageRejected('malformed', `value does not decode as ${reader.type.name}: ${(error as Error).message}`);
    }
  }

  private async writerType(schemaId: number, reader: Registered): Promise<avro.Type> {
    let writer: unknown;
    try {
      writer = await this.registry.getSchema(schemaId);
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 404 || status === 422) throw new MessageRejected('unknown-schema', `schema id ${schemaId} is not registered`);
      throw new RegistryUnavailable(error);
    }
    const type = writer as avro.Type;
    if (typeof type?.name !== 'string' || type.name !== reader.type.name) {
      throw new MessageRejected('unknown-schema', `schema id ${schemaId} is not a version of ${reader.type.name}`);
    }
    return type;
  }
}
