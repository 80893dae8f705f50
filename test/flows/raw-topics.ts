import { createKafka } from '@imi/messaging';
import { RawRecord, scanRecords } from '../../chaos/raw-topics';
import { kafkaCredentials, stackEndpoints } from '../stack/endpoints';

export type { RawRecord };

/** Reads every record of every topic under `prefix`, as raw bytes, up to the current end. */
export async function readAllRecords(prefix: string): Promise<RawRecord[]> {
  const records: RawRecord[] = [];
  await scanRecords(createKafka(stackEndpoints().kafkaBrokers, 'raw-scan', kafkaCredentials('admin')), prefix, (r) => records.push(r));
  return records;
}
