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

export class SubjectRequestParticipantView {
  @ApiProperty({ description: 'Member state of the participant' }) node!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When its signed receipt says it applied the decision' }) confirmedAt!: string | null;
}

export class SubjectRequestEffectView {
  @ApiProperty({ format: 'uuid' }) exchangeId!: string;
  @ApiProperty({ enum: ['applied', 'contested', 'nothing-held'] }) outcome!: RightsOutcome;
  @ApiProperty({ type: [SubjectRequestParticipantView] }) participants!: SubjectRequestParticipantView[];
}

export class SubjectRequestView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() authorityId!: string;
  @ApiProperty({ enum: SUBJECT_REQUEST_KINDS }) kind!: SubjectRequestKind;
  @ApiProperty({ type: [String], format: 'uuid' }) exchangeIds!: string[];
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ format: 'date-time', description: '30 days after receipt' }) dueBy!: string;
  @ApiProperty({ enum: ['open', 'granted', 'refused', 'routed'] }) state!: 'open' | 'granted' | 'refused' | 'routed';
  @ApiProperty({ type: String, nullable: true }) routedTo!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason!: string | null;
  /** Per exchange: what the decision did here, and each other participant's signed receipt of it. */
  @ApiProperty({ type: [SubjectRequestEffectView], description: 'Per exchange: what the decision did here, and each other participant\'s signed receipt of it' })
  effects!: SubjectRequestEffectView[];
}

export class SubjectRequestPageView {
  @ApiProperty({ type: [SubjectRequestView] }) items!: SubjectRequestView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' }) nextCursor!: string | null;
}

export class UrgentSubjectRequestView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: SUBJECT_REQUEST_KINDS }) kind!: SubjectRequestKind;
  @ApiProperty({ format: 'date-time' }) dueBy!: string;
  @ApiProperty({ enum: ['deadline-approaching', 'deadline-passed'] }) reason!: SubjectRequestReminder;
}
