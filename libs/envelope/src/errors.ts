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
  | 'unknown-case';

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
