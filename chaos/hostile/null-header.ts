/**
 * A Kafka header whose value is null (length -1 on the wire). Other clients (the Java one,
 * librdkafka) write these; kafkajs cannot, as it measures every header value with
 * Buffer.byteLength. An attacker is not bound to kafkajs, so this module teaches kafkajs'
 * encoder to write null for one sentinel buffer, and only for it: every other value is encoded
 * exactly as before. The sentinel is empty, so the record's size kafkajs computed (one byte for
 * the length 0) is the size written (one byte for the length -1).
 */
export const NULL_HEADER_VALUE: Buffer = Buffer.alloc(0);

let taught = false;

export function allowNullHeaderValues(): void {
  if (taught) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Encoder = require('kafkajs/src/protocol/encoder') as { prototype: { writeVarIntBytes(value: unknown): unknown; writeVarInt(value: number): unknown } };
  const original = Encoder.prototype.writeVarIntBytes;
  Encoder.prototype.writeVarIntBytes = function writeVarIntBytes(this: typeof Encoder.prototype, value: unknown) {
    if (value === NULL_HEADER_VALUE) {
      this.writeVarInt(-1);
      return this;
    }
    return original.call(this, value);
  };
  taught = true;
}
