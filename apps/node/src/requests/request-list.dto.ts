import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, REQUEST_STATES, RequestState } from '@imi/domain';

export const REQUEST_SORTS = ['sent-desc', 'sent-asc', 'reply-by-asc'] as const;
export type RequestSort = (typeof REQUEST_SORTS)[number];

/** `GET /requests`: one page of the acting authority's requests, filtered and sorted in the database. */
export class ListRequestsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_SIZE_MAX, default: PAGE_SIZE_DEFAULT })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(PAGE_SIZE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page, with the same sort' })
  @IsOptional() @IsString() @MaxLength(400)
  cursor?: string;

  @ApiPropertyOptional({ enum: REQUEST_SORTS, default: 'sent-desc' })
  @IsOptional() @IsIn(REQUEST_SORTS)
  sort?: RequestSort;

  @ApiPropertyOptional({ enum: REQUEST_STATES })
  @IsOptional() @IsIn(REQUEST_STATES)
  state?: RequestState;

  @ApiPropertyOptional({ example: 'professional-qualifications' })
  @IsOptional() @IsString() @MaxLength(100)
  legislativeArea?: string;

  @ApiPropertyOptional({ enum: ['requester', 'addressee'], description: 'The acting authority\'s side' })
  @IsOptional() @IsIn(['requester', 'addressee'])
  role?: 'requester' | 'addressee';

  @ApiPropertyOptional({ description: 'The other party: the addressee for requests sent, the requester for requests received' })
  @IsOptional() @IsString() @MaxLength(100)
  otherAuthorityId?: string;

  @ApiPropertyOptional({ description: 'Sent at or after (ISO 8601)' })
  @IsOptional() @IsISO8601()
  sentFrom?: string;

  @ApiPropertyOptional({ description: 'Sent before (ISO 8601)' })
  @IsOptional() @IsISO8601()
  sentBefore?: string;
}
