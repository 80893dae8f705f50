import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { REQUEST_STATES, RequestState } from '@imi/domain';
import { ExchangePageQuery } from '../lists/page-query.dto';

export const REQUEST_SORTS = ['sent-desc', 'sent-asc', 'reply-by-asc'] as const;
export type RequestSort = (typeof REQUEST_SORTS)[number];

/** `GET /requests`: one page of the acting authority's requests, filtered and sorted in the database. */
export class ListRequestsQuery extends ExchangePageQuery {
  @ApiPropertyOptional({ enum: REQUEST_SORTS, default: 'sent-desc' })
  @IsOptional() @IsIn(REQUEST_SORTS)
  sort?: RequestSort;

  @ApiPropertyOptional({ enum: REQUEST_STATES })
  @IsOptional() @IsIn(REQUEST_STATES)
  state?: RequestState;

  @ApiPropertyOptional({ enum: ['requester', 'addressee'], description: 'The acting authority\'s side' })
  @IsOptional() @IsIn(['requester', 'addressee'])
  role?: 'requester' | 'addressee';

  @ApiPropertyOptional({ description: 'The other party: the addressee for requests sent, the requester for requests received' })
  @IsOptional() @IsString() @MaxLength(100)
  otherAuthorityId?: string;
}
