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
  /** The exact bytes that travelled (Avro envelope, body sealed), base64: what both signatures cover. */
  value: string | null;
  /** The sender's detached JWS over `value`. */
  senderSignature: string | null;
  /** Received messages: the hub's routing countersignature over the same bytes. */
  hubSignature: string | null;
  /** Received messages: applied, or rejected with a code. */
  outcome?: string;
  /** Sent messages: each recipient's signed receipt. */
  receipts?: { node: string; appliedAt: string | null; receiptRecordedAt: string | null }[];
}

export interface ProofOfExchangeReport {
  kind: 'proof-of-exchange';
  node: string;
  generatedAt: string;
  generatedFor: string;
  exchange: Record<string, unknown>;
  messages: ProofMessage[];
}

export interface SignedReport<T> {
  report: T;
  /** Compact JWS (EdDSA) whose payload is `report`, by the node's signing key. */
  jws: string;
  verification: string;
}
