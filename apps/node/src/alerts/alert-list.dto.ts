import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ONE_TO_MANY_KINDS, OneToManyKind, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '@imi/domain';

export const ALERT_SORTS = ['sent-desc', 'sent-asc'] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];

/** `GET /alerts`: one page of the alerts and notifications the acting authority sent or received, filtered and sorted in the database. */
export class ListAlertsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_SIZE_MAX, default: PAGE_SIZE_DEFAULT })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(PAGE_SIZE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page, with the same sort' })
  @IsOptional() @IsString() @MaxLength(400)
  cursor?: string;

  @ApiPropertyOptional({ enum: ALERT_SORTS, default: 'sent-desc' })
  @IsOptional() @IsIn(ALERT_SORTS)
  sort?: AlertSort;

  @ApiPropertyOptional({ enum: ['open', 'withdrawn', 'closed'] })
  @IsOptional() @IsIn(['open', 'withdrawn', 'closed'])
  state?: 'open' | 'withdrawn' | 'closed';

  @ApiPropertyOptional({ enum: ONE_TO_MANY_KINDS })
  @IsOptional() @IsIn(ONE_TO_MANY_KINDS)
  kind?: OneToManyKind;

  @ApiPropertyOptional({ example: 'professional-qualifications' })
  @IsOptional() @IsString() @MaxLength(100)
  legislativeArea?: string;

  @ApiPropertyOptional({ enum: ['sender', 'recipient'], description: 'The acting authority\'s side' })
  @IsOptional() @IsIn(['sender', 'recipient'])
  role?: 'sender' | 'recipient';

  @ApiPropertyOptional({ description: 'Sent at or after (ISO 8601)' })
  @IsOptional() @IsISO8601()
  sentFrom?: string;

  @ApiPropertyOptional({ description: 'Sent before (ISO 8601)' })
  @IsOptional() @IsISO8601()
  sentBefore?: string;
}
