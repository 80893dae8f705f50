import { Message, Producer } from 'kafkajs';
import { DEFAULT_WEIGHTS, HOSTILE_KINDS, HostileKind, HostileRecordMaker } from './kinds';
import { attackerKey, baseRecords, HostileMaterial } from './material';
import { allowNullHeaderValues } from './null-header';
import { drawSeed, SeededRandom } from './random';

export interface HostileWriteOptions {
  /** A connected producer of a Kafka user allowed to write `topic` (the attacker holds write access). */
  producer: Producer;
  /** `hub.ingress`, or a node's inbox (`node.<CC>.inbox`), with the network's prefix. */
  topic: string;
  /** How many records to write in all, shared among the kinds by weight. */
  count: number;
  /** The same seed and material give the same records; drawn (and returned) when not given. */
  seed?: number;
  material: HostileMaterial;
  /** Relative share of each kind (DEFAULT_WEIGHTS otherwise); 0 leaves a kind out. */
  weights?: Partial<Record<HostileKind, number>>;
  /** Records per produce request, and requests in flight at once. */
  batchSize?: number;
  inFlight?: number;
  /** 1 (leader only, the default: these records need no durability) or -1 (all in-sync replicas). */
  acks?: 1 | -1;
  /** Prefix of every record key but a replay's (which keeps the original key): tells this run's records apart. */
  keyPrefix?: string;
  /** Called after each batch is acknowledged. */
  onProgress?: (progress: { written: number; count: number; tried: Record<HostileKind, number> }) => void;
}

export interface HostileWriteReport {
  seed: number;
  topic: string;
  /** Records written, by kind (kinds without what they need, e.g. no stolen key, are at 0). */
  tried: Record<HostileKind, number>;
  written: number;
  durationMs: number;
}

/**
 * Writes `count` hostile records into `topic` as an attacker holding write access to it would,
 * in batches without waiting on each record. Mutations start from a few real records
 * (material); signatures are made once, at the start, and reused.
 */
export async function writeHostileRecords(options: HostileWriteOptions): Promise<HostileWriteReport> {
  const started = Date.now();
  const seed = (options.seed ?? drawSeed()) >>> 0;
  const random = new SeededRandom(seed);
  const { material } = options;
  allowNullHeaderValues();
  const maker = new HostileRecordMaker(random, await baseRecords(material), material.codec, material.nodes, attackerKey(random), material.stolenKey);

  const kinds = HOSTILE_KINDS.filter((kind) => maker.canMake(kind) && (options.weights?.[kind] ?? DEFAULT_WEIGHTS[kind]) > 0);
  const weights = kinds.map((kind) => options.weights?.[kind] ?? DEFAULT_WEIGHTS[kind]);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative = weights.map(((sum) => (w: number) => (sum += w / total))(0));
  const tried = Object.fromEntries(HOSTILE_KINDS.map((kind) => [kind, 0])) as Record<HostileKind, number>;
  const keyPrefix = options.keyPrefix ?? `hostile-${seed.toString(36)}-`;
  const batchSize = options.batchSize ?? 1000;
  const inFlight = options.inFlight ?? 4;
  const acks = options.acks ?? 1;

  const pending: Promise<void>[] = [];
  let written = 0;
  let failure: unknown;
  const send = (messages: Message[]): Promise<void> =>
    options.producer.send({ topic: options.topic, messages, acks }).then(() => {
      written += messages.length;
      options.onProgress?.({ written, count: options.count, tried });
    }, (error) => {
      failure ??= error;
    });
  for (let i = 0; i < options.count; ) {
    const messages: Message[] = [];
    for (const end = Math.min(options.count, i + batchSize); i < end; i++) {
      const pick = random.next() / 0x1_0000_0000;
      let k = 0;
      while (k < kinds.length - 1 && pick >= cumulative[k]) k++;
      const kind = kinds[k];
      tried[kind]++;
      const record = maker.make(kind, `${keyPrefix}${i}`);
      // A few oversize values exceed what the broker takes in one request: each goes alone.
      if (kind === 'oversize') pending.push(send([record]));
      else messages.push(record);
    }
    pending.push(send(messages));
    while (pending.length >= inFlight) await pending.shift();
    if (failure) throw failure;
  }
  await Promise.all(pending);
  if (failure) throw failure;
  return { seed, topic: options.topic, tried, written, durationMs: Date.now() - started };
}
