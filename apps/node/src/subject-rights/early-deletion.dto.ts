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

export interface EarlyDeletionView {
  id: string;
  exchangeId: string;
  role: 'proposer' | 'participant';
  proposerNode: string;
  reason: string;
  /** proposed: waiting for answers; agreed: this participant agreed, waiting for the order; refused; executed: deleted here. */
  state: EarlyDeletionRecordState;
  proposedAt: string;
  endedAt: string | null;
  /** Progress per participant (on the proposer's node: every other participant). */
  participants: { node: string; answer: 'waiting' | 'agreed' | 'refused'; reason: string | null; answeredAt: string | null; deletedAt: string | null }[];
}
