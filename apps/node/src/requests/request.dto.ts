import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ANSWER_TYPES, ATTACHMENT_CONTENT_TYPES, REQUEST_STATES } from '@imi/domain';
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

// ---------------------------------------------------------------------------------------------
// What the requests endpoints answer with: classes so the OpenAPI document (and the web client's
// types generated from it) describe the bodies; the service builds them as plain objects.

const nullableString = { type: String, nullable: true } as const;
const nullableDate = { type: String, format: 'date-time', nullable: true } as const;

export class RequestQuestionChoiceView {
  @ApiProperty() id!: string;
  @ApiProperty() text!: string;
}

/** A catalogue question in the reader's language. */
export class RequestQuestionTextView {
  @ApiProperty({ example: 'pq.diploma.authentic' }) id!: string;
  @ApiProperty({ type: String, enum: ANSWER_TYPES }) answerType!: LocalisedQuestion['answerType'];
  @ApiProperty() personalData!: boolean;
  @ApiProperty() sensitive!: boolean;
  @ApiProperty() freeText!: boolean;
  @ApiProperty({ type: String, description: 'The language of text and choices: the one asked for, or English', example: 'fr' }) language!: LocalisedQuestion['language'];
  @ApiProperty() text!: string;
  @ApiPropertyOptional({ type: [RequestQuestionChoiceView] }) choices?: RequestQuestionChoiceView[];
}

export class RequestQuestionView {
  @ApiProperty({ example: 'pq.diploma.authentic' }) questionId!: string;
  @ApiProperty({ ...nullableString, description: 'The requester\'s own text of a free-text question' }) freeText!: string | null;
  @ApiPropertyOptional({ type: RequestQuestionTextView, nullable: true, description: 'The catalogue\'s question in the reader\'s language (null if no longer in the catalogue)' })
  question?: LocalisedQuestion | null;
}

export class RequestEventView {
  @ApiProperty({ example: 'accepted' }) type!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Ids, authorities and dates only, never free text' }) detail!: Record<string, unknown>;
}

export class RequestSubjectView {
  @ApiProperty() familyName!: string;
  @ApiProperty() givenNames!: string;
  @ApiProperty({ ...nullableString, example: '1980-04-01' }) dateOfBirth!: string | null;
  @ApiProperty(nullableString) registerNumber!: string | null;
  @ApiProperty(nullableString) nationalId!: string | null;
  @ApiProperty(nullableString) nationalIdJustification!: string | null;
}

export class RequestAnswerView {
  @ApiProperty() questionId!: string;
  @ApiProperty({ description: 'yes or no, a date YYYY-MM-DD, a text, a choice id, or the id of an attachment' }) answer!: string;
  @ApiProperty() final!: boolean;
  @ApiProperty({ format: 'date-time' }) answeredAt!: string;
  @ApiPropertyOptional({ description: 'The answer in the reader\'s language where it has one (yes/no, choices)' }) text?: string;
  @ApiPropertyOptional(nullableString) language?: string | null;
}

export class FurtherInformationView {
  @ApiProperty(nullableString) note!: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
}

export class RequestAttachmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: ATTACHMENT_CONTENT_TYPES }) contentType!: string;
  @ApiProperty({ description: 'About the person: shared only once the addressee has accepted' }) concernsPerson!: boolean;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty({ ...nullableDate, description: 'When it was sent to the other party; null while it waits' }) sharedAt!: string | null;
}

/** What a party sees. `subject` and `answers` are absent until this node may hold them. */
export class RequestView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['requester', 'addressee'], description: 'The reader\'s side' }) role!: 'requester' | 'addressee';
  @ApiProperty({ enum: REQUEST_STATES }) state!: string;
  @ApiProperty() requesterAuthorityId!: string;
  @ApiProperty() addresseeAuthorityId!: string;
  @ApiProperty() legislativeArea!: string;
  @ApiProperty({ type: [RequestQuestionView] }) questions!: RequestQuestionView[];
  @ApiProperty({ format: 'date-time' }) replyBy!: string;
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
  @ApiProperty(nullableDate) acceptedAt!: string | null;
  @ApiProperty(nullableDate) closedAt!: string | null;
  @ApiProperty(nullableString) rejectionReason!: string | null;
  @ApiProperty(nullableDate) proposedReplyBy!: string | null;
  @ApiProperty(nullableDate) answeredAt!: string | null;
  @ApiProperty() confidential!: boolean;
  @ApiProperty(nullableString) sensitiveReason!: string | null;
  /** Retention state of the person, answers, notes and documents: blocked and deleted ones are not shown. */
  @ApiProperty({ enum: ['available', 'blocked', 'deleted'] }) personalData!: 'available' | 'blocked' | 'deleted';
  /** What happened so far (ids, authorities and dates only). */
  @ApiProperty({ type: [RequestEventView] }) history!: RequestEventView[];
  @ApiPropertyOptional({ type: RequestSubjectView, description: 'Absent until this node may hold the person' }) subject?: RequestSubjectView;
  /** `text`: the answer in the reader's language where it has one (yes/no, choices). */
  @ApiPropertyOptional({ type: [RequestAnswerView] }) answers?: RequestAnswerView[];
  @ApiPropertyOptional({ type: [FurtherInformationView] }) furtherInformation?: FurtherInformationView[];
  @ApiProperty({ type: [RequestAttachmentView] }) attachments!: RequestAttachmentView[];
}

export class RequestPageView {
  @ApiProperty({ type: [RequestView] }) items!: RequestView[];
  @ApiProperty({ ...nullableString, description: 'Give it as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

/** A request on an authority's urgency list, and why. */
export class UrgentRequestView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: REQUEST_STATES }) state!: string;
  @ApiProperty() legislativeArea!: string;
  @ApiProperty({ format: 'date-time' }) replyBy!: string;
  @ApiProperty({ type: [String], example: ['not-accepted-within-7-days'] }) reasons!: string[];
}

/**
 * A request as a coordinator or linked authority sees it: who, which area, which state, when.
 * By construction there is no field that could carry personal data: no questions, no free
 * text, no reasons, no person, no answers, no attachments.
 */
export class ObservedRequestView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() observedAuthorityId!: string;
  @ApiProperty({ enum: ['requester', 'addressee'] }) side!: 'requester' | 'addressee';
  @ApiProperty() counterpartAuthorityId!: string;
  @ApiProperty() legislativeArea!: string;
  @ApiProperty({ enum: REQUEST_STATES }) state!: string;
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
  @ApiProperty({ format: 'date-time' }) replyBy!: string;
  @ApiProperty(nullableDate) acceptedAt!: string | null;
  @ApiProperty(nullableDate) closedAt!: string | null;
}

export class ObservedRequestsView {
  @ApiProperty({ type: [String] }) observedAuthorityIds!: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'How many requests per state' }) countsByState!: Record<string, number>;
  @ApiProperty({ type: [ObservedRequestView] }) requests!: ObservedRequestView[];
}
