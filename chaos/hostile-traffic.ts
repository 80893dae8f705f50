import { join } from 'node:path';
import { Partitioners } from 'kafkajs';
import { AvroCodec, findSchemasDir, HEADERS, readKeySet } from '@imi/envelope';
import { createKafka, kafkaUserFromFile } from '@imi/messaging';
import { captureRecords, HostileKind, writeHostileRecords } from './hostile';
import { ChaosNetwork, COUNTRIES } from './network';
import { ChaosEndpoints } from './stack';

/** The inbox written into besides hub.ingress. */
const ATTACKED_NODE = 'DE';

/**
 * Hostile bytes during the chaos run (chaos/hostile makes them), started once the first flows
 * are through, so that the captured records were delivered before (a re-signed copy of a
 * message not yet applied would be the one applied): half of `count` into
 * hub.ingress, half into node DE's inbox, as an attacker holding write access to both would,
 * starting from real records of this run (captured once traffic has left some) and with node
 * FR's signing key as if stolen. Returns the records tried, by kind.
 */
export async function writeHostileTraffic(network: ChaosNetwork, endpoints: ChaosEndpoints, count: number, seed: number): Promise<Record<string, number>> {
  const kafka = createKafka(endpoints.kafkaBrokers.split(','), 'chaos-attacker', kafkaUserFromFile(endpoints.kafkaCredentialsFile, 'admin'));
  const codec = await AvroCodec.connect(endpoints.schemaRegistryUrl, findSchemasDir());
  const stolenKey = { node: 'FR', signing: readKeySet(join(network.keysRoot, 'FR')).signing };
  const topics = [`${network.prefix}hub.ingress`, `${network.prefix}node.${ATTACKED_NODE}.inbox`];
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const tried: Record<string, number> = {};
  try {
    for (const [i, topic] of topics.entries()) {
      // FR's own records (FR's key is the stolen one), never an earlier hostile record.
      const records = await captureRecords(kafka, topic, 20, {
        timeoutMs: 600_000, accept: (r) => kidOf(r.headers?.[HEADERS.signature]).startsWith('FR-') && !String(r.key).startsWith('hostile'),
      });
      const report = await writeHostileRecords({
        producer, topic, count: Math.floor(count / topics.length) + (i === 0 ? count % topics.length : 0), seed: seed + i,
        material: { records, codec, nodes: [...COUNTRIES], stolenKey },
      });
      for (const [kind, n] of Object.entries(report.tried) as [HostileKind, number][]) tried[kind] = (tried[kind] ?? 0) + n;
    }
  } finally {
    await producer.disconnect();
  }
  return tried;
}

/** The key id in a detached JWS header's protected part. */
function kidOf(header: unknown): string {
  try {
    const text = (Array.isArray(header) ? header[0] : header)?.toString() ?? '';
    return (JSON.parse(Buffer.from(text.split('.')[0], 'base64url').toString()) as { kid?: string }).kid ?? '';
  } catch {
    return '';
  }
}
