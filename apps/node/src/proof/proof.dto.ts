import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { PROOF_GROUNDS, ProofGround } from '@imi/domain';

export class RetrieveBlockedDataDto {
  @ApiProperty({ enum: PROOF_GROUNDS }) @IsIn(PROOF_GROUNDS) ground!: ProofGround;

  @ApiProperty({ description: 'Why the blocked data is needed: the consent given, or the public interest and its legal basis' })
  @IsString() @Length(1, 2000) justification!: string;
}

export class BodyErasureRecord {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: ['data-subject-erasure', 'early-deletion', 'retention-deletion', 'retention-blocking'] })
  reason!: 'data-subject-erasure' | 'early-deletion' | 'retention-deletion' | 'retention-blocking';
  /** The data subject's request or the early deletion that decided it; null for retention. */
  @ApiProperty({ type: String, nullable: true, description: 'The data subject\'s request or the early deletion that decided it; null for retention' }) decision!: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedBy!: string | null;
}

export class ProofReceipt {
  @ApiProperty() node!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the recipient applied the message (its clock)' }) appliedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) receiptRecordedAt!: string | null;
}

export class ProofMessage {
  @ApiProperty({ enum: ['sent', 'received'] }) direction!: 'sent' | 'received';
  @ApiProperty({ format: 'uuid' }) messageId!: string;
  @ApiProperty() type!: string;
  @ApiProperty() senderNode!: string;
  @ApiProperty({ type: String, nullable: true }) senderAuthority!: string | null;
  @ApiProperty({ type: [String] }) recipientNodes!: string[];
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
  /**
   * What the sender's signature covers: 2, the manifest (the envelope with the body's SHA-256 in
   * place of the body); 1, the whole value (messages signed before protocol 2).
   */
  @ApiProperty({ enum: [1, 2], description: 'What the sender\'s signature covers: 2, the manifest (the envelope with the body\'s SHA-256); 1, the whole value' })
  protocol!: 1 | 2;
  /** The manifest, base64 (a wire-format envelope whose body is the SHA-256 of the real body); null for a protocol-1 copy whose body is gone. */
  @ApiProperty({ type: String, nullable: true, format: 'byte' }) manifest!: string | null;
  /** The exact bytes that travelled (Avro envelope, body sealed), base64, while this node holds the body; null once erased. */
  @ApiProperty({ type: String, nullable: true, format: 'byte' }) value!: string | null;
  /** When and why the body of this copy was erased; the manifest and the signatures stay. */
  @ApiProperty({ type: BodyErasureRecord, nullable: true }) bodyErased!: BodyErasureRecord | null;
  /** Protocol 1 only, once the body is gone: the SHA-256 (hex) of the value the signature covered, which can no longer be checked. */
  @ApiProperty({ type: String, nullable: true }) signedValueSha256!: string | null;
  /** The sender's detached JWS (over `manifest` for protocol 2, over `value` for protocol 1). */
  @ApiProperty({ type: String, nullable: true }) senderSignature!: string | null;
  /** Received messages: the hub's routing countersignature (over `manifest` when its header says `imi: 2`, else over `value`). */
  @ApiProperty({ type: String, nullable: true }) hubSignature!: string | null;
  /** Received messages: applied, or rejected with a code. */
  @ApiPropertyOptional({ description: 'Received messages: applied, or rejected with a code' }) outcome?: string;
  /** Sent messages: each recipient's signed receipt. */
  @ApiPropertyOptional({ type: [ProofReceipt] }) receipts?: ProofReceipt[];
}

/** The exchange's metadata as the proof states it (a request's or an alert's fields). */
export class ProofExchange {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'information-request, or the alert\'s kind' }) type!: string;
  @ApiProperty() legislativeArea!: string;
  @ApiProperty() role!: string;
  @ApiProperty() state!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
  @ApiPropertyOptional() requesterAuthorityId?: string;
  @ApiPropertyOptional() requesterNode?: string;
  @ApiPropertyOptional() addresseeAuthorityId?: string;
  @ApiPropertyOptional() addresseeNode?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) acceptedAt?: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) closedAt?: string | null;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', properties: { type: { type: 'string' }, at: { type: 'string', format: 'date-time' } } } })
  history?: { type: string; at: string }[];
  @ApiPropertyOptional() senderAuthorityId?: string;
  @ApiPropertyOptional() senderNode?: string;
  @ApiPropertyOptional() version?: number;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) endedAt?: string | null;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', properties: { authorityId: { type: 'string' }, node: { type: 'string' } } } })
  recipients?: { authorityId: string; node: string }[];
}

export class PersonalDataDeletion {
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, nullable: true }) decision!: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedBy!: string | null;
}

/** The personal data of the exchange on this node: held, blocked (retrievable on a ground) or deleted, and by which decision. */
export class ProofPersonalData {
  @ApiProperty({ enum: ['available', 'blocked', 'deleted'] }) state!: 'available' | 'blocked' | 'deleted';
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) blockedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deletedAt!: string | null;
  @ApiProperty({ type: PersonalDataDeletion, nullable: true }) deletion!: PersonalDataDeletion | null;
}

export class ProofOfExchangeReport {
  @ApiProperty({ enum: ['proof-of-exchange'] }) kind!: 'proof-of-exchange';
  @ApiProperty() node!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty() generatedFor!: string;
  @ApiProperty({ type: ProofExchange }) exchange!: ProofExchange;
  @ApiProperty({ type: ProofPersonalData }) personalData!: ProofPersonalData;
  @ApiProperty({ type: [ProofMessage] }) messages!: ProofMessage[];
}

export interface SignedReport<T> {
  report: T;
  /** Compact JWS (EdDSA) whose payload is `report`, by the node's signing key. */
  jws: string;
  verification: string;
}

export class SignedProofOfExchange implements SignedReport<ProofOfExchangeReport> {
  @ApiProperty({ type: ProofOfExchangeReport }) report!: ProofOfExchangeReport;
  @ApiProperty({ description: 'Compact JWS (EdDSA) whose payload is `report`, by the node\'s signing key' }) jws!: string;
  @ApiProperty({ description: 'How to check the signatures' }) verification!: string;
}

/** Blocked personal data given back on a ground: a request's person, answers, further information and documents, or an alert's versions. */
export class RetrievedBlockedData {
  @ApiProperty({ format: 'uuid' }) exchangeId!: string;
  @ApiProperty({ enum: PROOF_GROUNDS }) ground!: ProofGround;
  @ApiProperty({ format: 'date-time' }) retrievedAt!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) subject?: object | null;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } }) answers?: object[];
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } }) furtherInformation?: object[];
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } }) attachments?: object[];
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } }) versions?: object[];
}
