import { MessageRejected } from './errors';

/** Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro binary. */
const MAGIC = 0;
export const WIRE_HEADER_BYTES = 5;

export function frame(schemaId: number, avro: Buffer): Buffer {
  const out = Buffer.allocUnsafe(WIRE_HEADER_BYTES + avro.length);
  out.writeUInt8(MAGIC, 0);
  out.writeUInt32BE(schemaId, 1);
  avro.copy(out, WIRE_HEADER_BYTES);
  return out;
}

export function unframe(bytes: Buffer): { schemaId: number; avro: Buffer } {
  if (bytes.length < WIRE_HEADER_BYTES || bytes.readUInt8(0) !== MAGIC) {
    throw new MessageRejected('malformed', 'value is not in the Confluent wire format');
  }
  return { schemaId: bytes.readUInt32BE(1), avro: bytes.subarray(WIRE_HEADER_BYTES) };
}
