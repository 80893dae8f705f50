import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { LocalisedQuestion } from '@imi/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsISO8601, IsObject, IsOptional, IsString, Length, Matches, ValidateNested,
} from 'class-validator';

export class QuestionDto {
  @ApiProperty({ example: 'pq.diploma.authentic' })
  @Matches(/^[a-z0-9][a-z0-9._-]{0,99}$/)
  questionId!: string;

  @ApiPropertyOptional({ description: 'Free-text question, marked as such for the addressee.' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  freeText?: string;
}

/** Only what the addressee needs to identify the person (minimisation). */
export class SubjectDto {
  @ApiProperty() @IsString() @Length(1, 200) familyName!: string;
  @ApiProperty() @IsString() @Length(1, 200) givenNames!: string;
  @ApiPropertyOptional({ example: '1980-04-01' }) @IsOptional() @IsISO8601({ strict: true }) dateOfBirth?: string;
  @ApiPropertyOptional({ description: 'Number in a professional register; the preferred identifier.' })
  @IsOptional() @IsString() @Length(1, 100) registerNumber?: string;
  @ApiPropertyOptional({ description: 'National identification number: beside a register number only with a justification.' })
  @IsOptional() @IsString() @Length(1, 100) nationalId?: string;
  @ApiPropertyOptional({ description: 'Why the national identification number is needed; recorded and shown to the addressee.' })
  @IsOptional() @IsString() @Length(1, 1000) nationalIdJustification?: string;
}

export class CreateRequestDto {
  @ApiProperty({ example: 'DE-BE-LAK' }) @IsString() @Length(1, 100) addresseeAuthorityId!: string;
  @ApiProperty({ example: 'professional-qualifications' }) @IsString() @Length(1, 100) legislativeArea!: string;
  @ApiProperty({ example: '2026-12-31T00:00:00Z' }) @IsISO8601({ strict: true }) replyBy!: string;

  @ApiProperty({ type: [QuestionDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => QuestionDto)
  questions!: QuestionDto[];

  @ApiProperty({ type: SubjectDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => SubjectDto)
  subject!: SubjectDto;

  @ApiPropertyOptional({ description: 'Marks the (non-personal) information of this request confidential.' })
  @IsOptional() @IsBoolean() confidential?: boolean;

  @ApiPropertyOptional({ description: 'Required when a question is flagged sensitive: why it is asked. Shown to the addressee.' })
  @IsOptional() @IsString() @Length(1, 2000) sensitiveReason?: string;
}

export class ForwardRequestDto {
  @ApiProperty({ description: 'A competent authority of this member state, registered for the request\'s area.' })
  @IsString() @Length(1, 100) toAuthorityId!: string;
}

export class ProposeReplyDateDto {
  @ApiProperty({ example: '2027-01-31T00:00:00Z' }) @IsISO8601({ strict: true }) replyBy!: string;
}

export class RespondToReplyDateDto {
  @ApiProperty({ description: 'true to agree to the proposed reply date' }) @IsBoolean() agree!: boolean;
}

export class FurtherInformationDto {
  @ApiPropertyOptional({ description: 'What is missing from the answer.' }) @IsOptional() @IsString() @Length(1, 4000) note?: string;
}

export class RejectRequestDto {
  @ApiProperty() @IsString() @Length(1, 2000) reason!: string;
}

export class AnswerItemDto {
  @ApiProperty() @Matches(/^[a-z0-9][a-z0-9._-]{0,99}$/) questionId!: string;
  @ApiProperty() @IsString() @Length(1, 10000) answer!: string;
}

export class AnswerRequestDto {
  @ApiProperty({ type: [AnswerItemDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AnswerItemDto)
  answers!: AnswerItemDto[];

  @ApiProperty({ description: 'true for the final answer; false for a partial one' }) @IsBoolean() final!: boolean;
}

/** What a party sees. `subject` and `answers` are absent until this node may hold them. */
export interface RequestView {
  id: string;
  role: 'requester' | 'addressee';
  state: string;
  requesterAuthorityId: string;
  addresseeAuthorityId: string;
  legislativeArea: string;
  /** `question`: the catalogue's question in the reader's language (null if no longer in the catalogue). */
  questions: { questionId: string; freeText: string | null; question?: LocalisedQuestion | null }[];
  replyBy: string;
  sentAt: string;
  acceptedAt: string | null;
  closedAt: string | null;
  rejectionReason: string | null;
  proposedReplyBy: string | null;
  answeredAt: string | null;
  confidential: boolean;
  sensitiveReason: string | null;
  /** Retention state of the person, answers, notes and documents: blocked and deleted ones are not shown. */
  personalData: 'available' | 'blocked' | 'deleted';
  /** What happened so far (ids, authorities and dates only). */
  history: { type: string; at: string; detail: Record<string, unknown> }[];
  subject?: {
    familyName: string; givenNames: string; dateOfBirth: string | null; registerNumber: string | null;
    nationalId: string | null; nationalIdJustification: string | null;
  };
  /** `text`: the answer in the reader's language where it has one (yes/no, choices). */
  answers?: { questionId: string; answer: string; final: boolean; answeredAt: string; text?: string; language?: string | null }[];
  furtherInformation?: { note: string | null; requestedAt: string }[];
  attachments: {
    id: string; fileName: string; contentType: string; concernsPerson: boolean; sizeBytes: number; sha256: string; sharedAt: string | null;
  }[];
}

/** A request on an authority's urgency list, and why. */
export interface UrgentRequestView {
  id: string;
  state: string;
  legislativeArea: string;
  replyBy: string;
  reasons: string[];
}

/**
 * A request as a coordinator or linked authority sees it: who, which area, which state, when.
 * By construction there is no field that could carry personal data: no questions, no free
 * text, no reasons, no person, no answers, no attachments.
 */
export interface ObservedRequestView {
  id: string;
  observedAuthorityId: string;
  side: 'requester' | 'addressee';
  counterpartAuthorityId: string;
  legislativeArea: string;
  state: string;
  sentAt: string;
  replyBy: string;
  acceptedAt: string | null;
  closedAt: string | null;
}

export interface ObservedRequestsView {
  observedAuthorityIds: string[];
  countsByState: Record<string, number>;
  requests: ObservedRequestView[];
}
