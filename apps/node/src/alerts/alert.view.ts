import { ApiProperty } from '@nestjs/swagger';
import { ONE_TO_MANY_KINDS } from '@imi/domain';

/** What the alert endpoints answer with, declared for the OpenAPI document (the web client's types). */
export class AlertVersionView {
  @ApiProperty() version!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The fields of the kind (see libs/domain/src/alert.ts)' }) content!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) supersededAt!: string | null;
}

export class AlertRecipientView {
  @ApiProperty() authorityId!: string;
  @ApiProperty() node!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The coordinator that passed the alert on to this authority' }) distributedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Sender only: when the addressee\'s node confirmed receipt' }) deliveredAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt!: string | null;
}

export class AlertView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['sender', 'recipient'] }) role!: 'sender' | 'recipient';
  @ApiProperty({ enum: ONE_TO_MANY_KINDS }) kind!: string;
  @ApiProperty() legislativeArea!: string;
  @ApiProperty() senderAuthorityId!: string;
  @ApiProperty({ enum: ['open', 'withdrawn', 'closed'] }) state!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) withdrawnReason!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) decisionDate!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) laterDecisionDate!: string | null;
  /** Every version, the current one last; earlier ones carry when they were superseded. */
  @ApiProperty({ type: [AlertVersionView], description: 'Every version, the current one last; empty while the content is blocked' }) versions!: AlertVersionView[];
  /** Sender: every addressee with delivery, read and acknowledgement times. Recipient: the addressees on this node. */
  @ApiProperty({ type: [AlertRecipientView], description: 'Sender: every addressee with its receipts. Recipient: the addressees on this node' }) recipients!: AlertRecipientView[];
}

export class AlertPageView {
  @ApiProperty({ type: [AlertView] }) items!: AlertView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' }) nextCursor!: string | null;
}

export class UrgentAlertView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ONE_TO_MANY_KINDS }) kind!: string;
  @ApiProperty({ type: [String], enum: ['sent-more-than-3-days-after-decision', 'later-decision-not-reflected'] }) reasons!: string[];
}
