import { createHash } from 'node:crypto';
import { MessageRejected } from './errors';

/**
 * Signature protocol 2 signs a message's **manifest** instead of its whole value, so a node can
 * drop a sealed body (erasure, deletion, blocking) and every signature over the message still
 * checks. The manifest is the Kafka value with its last field, the envelope's `body` (Avro
 * `bytes`: a zig-zag varint length, then the bytes), replaced by the 32-byte SHA-256 of the
 * body. It is itself a valid wire-format envelope whose body is that digest, so the metadata
 * stays readable with the envelope schema, and any tool checks a body against it by hashing
 * the body and comparing with the manifest's last 32 bytes.
 *
 * The envelope schema must keep `body` as its last field in every version (schemas/envelope.avsc).
 */
export const BODY_DIGEST_BYTES = 32;

export function bodyDigest(body: Buffer): Buffer {
  return createHash('sha256').update(body).digest();
}

/**
 * The manifest of `value`, whose envelope body is its last `bodyLength` bytes (the signature
 * header states the length, so the manifest is found without decoding anything unverified).
 */
export function manifestOf(value: Buffer, bodyLength: number): Buffer {
  if (!Number.isSafeInteger(bodyLength) || bodyLength < 0) throw new MessageRejected('bad-signature', 'the signature states no usable body length');
  const length = avroLong(bodyLength);
  const bodyStart = value.length - bodyLength;
  const lengthStart = bodyStart - length.length;
  if (lengthStart < 0 || !value.subarray(lengthStart, bodyStart).equals(length)) {
    throw new MessageRejected('malformed', 'the body is not the last field of the envelope');
  }
  return Buffer.concat([value.subarray(0, lengthStart), avroLong(BODY_DIGEST_BYTES), bodyDigest(value.subarray(bodyStart))]);
}

/** The body digest a manifest commits to: its last 32 bytes. */
export function manifestBodyDigest(manifest: Buffer): Buffer {
  if (manifest.length < BODY_DIGEST_BYTES + 1) throw new MessageRejected('malformed', 'manifest too short');
  return manifest.subarray(manifest.length - BODY_DIGEST_BYTES);
}

/** Avro's encoding of a non-negative long: zig-zag, then 7 bits a byte, low first. */
function avroLong(n: number): Buffer {
  const bytes: number[] = [];
  let zigzag = n * 2;
  while (zigzag >= 0x80) {
    bytes.push((zigzag % 0x80) | 0x80);
    zigzag = Math.floor(zigzag / 0x80);
  }
  bytes.push(zigzag);
  return Buffer.from(bytes);
}
