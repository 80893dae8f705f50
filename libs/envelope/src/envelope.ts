/** Routing metadata of a message; mirrors schemas/envelope.avsc. */
export interface Envelope {
  messageId: string;
  type: string;
  senderNode: string;
  senderAuthority: string | null;
  recipientNodes: string[];
  recipientAuthorities: string[];
  caseId: string;
  legislativeArea: string | null;
  sentAt: number;
  causationId: string | null;
  bodyEncoding: 'PLAIN' | 'JWE';
  body: Buffer;
}

/** Kafka headers of every message on the network. */
export const HEADERS = {
  /** Sender node's detached JWS over the value's manifest (signature protocol 2; signature.ts). */
  signature: 'imi-signature',
  /** Hub's detached JWS over the same manifest (protected header `purpose: routed`): proof of routing. */
  hubSignature: 'imi-hub-signature',
} as const;

/** Values above this are refused before any parsing (attachments travel separately). */
export const MAX_VALUE_BYTES = 256 * 1024;

/** The hub signs rejections and broadcasts as this sender. */
export const HUB_NODE = 'HUB';
