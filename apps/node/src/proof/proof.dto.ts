import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { PROOF_GROUNDS, ProofGround } from '@imi/domain';

export class RetrieveBlockedDataDto {
  @ApiProperty({ enum: PROOF_GROUNDS }) @IsIn(PROOF_GROUNDS) ground!: ProofGround;

  @ApiProperty({ description: 'Why the blocked data is needed: the consent given, or the public interest and its legal basis' })
  @IsString() @Length(1, 2000) justification!: string;
}

export interface ProofMessage {
  direction: 'sent' | 'received';
  messageId: string;
  type: string;
  senderNode: string;
  senderAuthority: string | null;
  recipientNodes: string[];
  sentAt: string;
  /**
   * What the sender's signature covers: 2, the manifest (the envelope with the body's SHA-256 in
   * place of the body); 1, the whole value (messages signed before protocol 2).
   */
  protocol: 1 | 2;
  /** The manifest, base64 (a wire-format envelope whose body is the SHA-256 of the real body); null for a protocol-1 copy whose body is gone. */
  manifest: string | null;
  /** The exact bytes that travelled (Avro envelope, body sealed), base64, while this node holds the body; null once erased. */
  value: string | null;
  /** When and why the body of this copy was erased; the manifest and the signatures stay. */
  bodyErased: BodyErasureRecord | null;
  /** Protocol 1 only, once the body is gone: the SHA-256 (hex) of the value the signature covered, which can no longer be checked. */
  signedValueSha256: string | null;
  /** The sender's detached JWS (over `manifest` for protocol 2, over `value` for protocol 1). */
  senderSignature: string | null;
  /** Received messages: the hub's routing countersignature (over `manifest` when its header says `imi: 2`, else over `value`). */
  hubSignature: string | null;
  /** Received messages: applied, or rejected with a code. */
  outcome?: string;
  /** Sent messages: each recipient's signed receipt. */
  receipts?: { node: string; appliedAt: string | null; receiptRecordedAt: string | null }[];
}

export interface BodyErasureRecord {
  at: string;
  reason: 'data-subject-erasure' | 'early-deletion' | 'retention-deletion' | 'retention-blocking';
  /** The data subject's request or the early deletion that decided it; null for retention. */
  decision: string | null;
  decidedBy: string | null;
}

export interface ProofOfExchangeReport {
  kind: 'proof-of-exchange';
  node: string;
  generatedAt: string;
  generatedFor: string;
  exchange: Record<string, unknown>;
  /** The personal data of the exchange on this node: held, blocked (retrievable on a ground) or deleted, and by which decision. */
  personalData: { state: 'available' | 'blocked' | 'deleted'; blockedAt: string | null; deletedAt: string | null; deletion: { reason: string; decision: string | null; decidedBy: string | null } | null };
  messages: ProofMessage[];
}

export interface SignedReport<T> {
  report: T;
  /** Compact JWS (EdDSA) whose payload is `report`, by the node's signing key. */
  jws: string;
  verification: string;
}
