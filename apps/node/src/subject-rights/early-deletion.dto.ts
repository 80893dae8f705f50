import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { EarlyDeletionRecordState } from './early-deletion.repository';

export class ProposeEarlyDeletionDto {
  @ApiProperty({ description: 'Why the personal data should go before its retention period ends' })
  @IsString() @Length(1, 2000) reason!: string;
}

export class AnswerEarlyDeletionDto {
  @ApiProperty() @IsBoolean() agree!: boolean;

  @ApiPropertyOptional({ description: 'Required when refusing' }) @IsOptional() @IsString() @Length(1, 2000) reason?: string;
}

export class EarlyDeletionParticipantView {
  @ApiProperty({ description: 'Member state of the participant' }) node!: string;
  @ApiProperty({ enum: ['waiting', 'agreed', 'refused'] }) answer!: 'waiting' | 'agreed' | 'refused';
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When its signed receipt says it deleted' }) deletedAt!: string | null;
}

export class EarlyDeletionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) exchangeId!: string;
  @ApiProperty({ enum: ['proposer', 'participant'] }) role!: 'proposer' | 'participant';
  @ApiProperty() proposerNode!: string;
  @ApiProperty() reason!: string;
  /** proposed: waiting for answers; agreed: this participant agreed, waiting for the order; refused; executed: deleted here. */
  @ApiProperty({ enum: ['proposed', 'agreed', 'refused', 'executed'], description: 'proposed: waiting for answers; agreed: this participant agreed, waiting for the order; refused; executed: deleted here' })
  state!: EarlyDeletionRecordState;
  @ApiProperty({ format: 'date-time' }) proposedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
  /** Progress per participant (on the proposer's node: every other participant). */
  @ApiProperty({ type: [EarlyDeletionParticipantView], description: 'Progress per participant (on the proposer\'s node: every other participant)' })
  participants!: EarlyDeletionParticipantView[];
}

export class EarlyDeletionPageView {
  @ApiProperty({ type: [EarlyDeletionView] }) items!: EarlyDeletionView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' }) nextCursor!: string | null;
}
