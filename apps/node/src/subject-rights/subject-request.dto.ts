import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { RightsOutcome, SUBJECT_REQUEST_KINDS, SubjectRequestKind, SubjectRequestReminder } from '@imi/domain';

export class CreateSubjectRequestDto {
  @ApiProperty({ enum: SUBJECT_REQUEST_KINDS }) @IsIn(SUBJECT_REQUEST_KINDS) kind!: SubjectRequestKind;

  @ApiProperty({ type: [String], description: 'The exchanges the person is concerned by, each one the acting authority took part in' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsUUID('all', { each: true }) exchangeIds!: string[];

  @ApiPropertyOptional({ description: 'Rectification only: the corrected fields (familyName, givenNames, dateOfBirth, registerNumber; null clears an optional one)' })
  @IsOptional() @IsObject() corrections?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'When the person\'s request was received; the 30-day deadline runs from here. Default: now.' })
  @IsOptional() @IsISO8601({ strict: true }) receivedAt?: string;
}

export class DecideSubjectRequestDto {
  @ApiProperty() @IsBoolean() grant!: boolean;

  @ApiPropertyOptional({ description: 'Required when refusing' }) @IsOptional() @IsString() @Length(1, 2000) reason?: string;
}

export interface SubjectRequestView {
  id: string;
  authorityId: string;
  kind: SubjectRequestKind;
  exchangeIds: string[];
  receivedAt: string;
  dueBy: string;
  state: 'open' | 'granted' | 'refused' | 'routed';
  routedTo: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  /** Per exchange: what the decision did here, and each other participant's signed receipt of it. */
  effects: {
    exchangeId: string;
    outcome: RightsOutcome;
    participants: { node: string; confirmedAt: string | null }[];
  }[];
}

export interface UrgentSubjectRequestView {
  id: string;
  kind: SubjectRequestKind;
  dueBy: string;
  reason: SubjectRequestReminder;
}
