import { join } from 'node:path';
import { AvroCodec, findSchemasDir, readKeySet } from '@imi/envelope';
import { createKafka, kafkaUserFromFile } from '@imi/messaging';
import { captureRecords, HostileKind, writeHostileRecords } from './hostile';
import { ChaosNetwork, COUNTRIES } from './network';
import { ChaosEndpoints } from './stack';

/** The inbox written into besides hub.ingress. */
const ATTACKED_NODE = 'DE';

/**
 * Hostile bytes during the chaos run (chaos/hostile makes them): half of `count` into
 * hub.ingress, half into node DE's inbox, as an attacker holding write access to both would,
 * starting from real records of this run (captured once traffic has left some) and with node
 * FR's signing key as if stolen. Returns the records tried, by kind.
 */
export async function writeHostileTraffic(network: ChaosNetwork, endpoints: ChaosEndpoints, count: number, seed: number): Promise<Record<string, number>> {
  const kafka = createKafka(endpoints.kafkaBrokers.split(','), 'chaos-attacker', kafkaUserFromFile(endpoints.kafkaCredentialsFile, 'admin'));
  const codec = await AvroCodec.connect(endpoints.schemaRegistryUrl, findSchemasDir());
  const stolenKey = { node: 'FR', signing: readKeySet(join(network.keysRoot, 'FR')).signing };
  const topics = [`${network.prefix}hub.ingress`, `${network.prefix}node.${ATTACKED_NODE}.inbox`];
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const tried: Record<string, number> = {};
  try {
    for (const [i, topic] of topics.entries()) {
      const records = await captureRecords(kafka, topic, 20, { timeoutMs: 600_000 });
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
