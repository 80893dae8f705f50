/**
 * Why a message was refused. Every code is final for that message: retrying the same bytes
 * gives the same answer, so consumers never retry these; they reject and move on.
 */
export type RejectionCode =
  | 'oversize'
  | 'malformed'
  | 'unknown-schema'
  | 'missing-signature'
  | 'unknown-key'
  | 'bad-signature'
  | 'sender-mismatch'
  | 'unknown-sender'
  | 'sender-not-active'
  | 'unknown-recipient'
  | 'area-not-registered'
  | 'recipient-not-active'
  | 'not-addressed-to-me'
  | 'undecryptable'
  | 'unsealed-body'
  | 'unknown-type'
  | 'invalid-content'
  | 'transition-refused'
  | 'unknown-case'
  | 'registration-refused'
  | 'checkpoint-refused';

/** A message that fails a check. Not retriable: the consumer records it and rejects it. */
export class MessageRejected extends Error {
  readonly retriable = false;
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'MessageRejected';
  }
}

/** A key or trust-list problem found at start-up or in configuration. */
export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

/** Why a sealed body could not be opened. The sender only ever sees `undecryptable`. */
export type UndecryptableReason =
  /** Not a JWE of this network's shape. */
  | 'malformed'
  /** No recipient entry names a key of this node. */
  | 'not-sealed-for-me'
  /** The sender's epoch key is not in the trust list for the sender. */
  | 'unknown-sender-key'
  /** The epoch named (ours or the sender's) is past its notAfter. */
  | 'key-expired'
  /** The key is no longer in the trust list (destroyed or revoked in the registry). */
  | 'key-withdrawn'
  /** This node no longer holds the private key: it was destroyed (crypto-shredded). */
  | 'key-destroyed'
  /** Unwrapping or authentication failed: tampered, or not our key after all. */
  | 'corrupt';

/** A sealed body that cannot be opened: a `MessageRejected` with the precise reason attached. */
export class UndecryptableBody extends MessageRejected {
  constructor(
    readonly reason: UndecryptableReason,
    message: string,
  ) {
    super('undecryptable', message);
    this.name = 'UndecryptableBody';
  }
}
