import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ONE_TO_MANY_KINDS, OneToManyKind } from '@imi/domain';
import { ExchangePageQuery } from '../lists/page-query.dto';

export const ALERT_SORTS = ['sent-desc', 'sent-asc'] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];

/** `GET /alerts`: one page of the alerts and notifications the acting authority sent or received, filtered and sorted in the database. */
export class ListAlertsQuery extends ExchangePageQuery {
  @ApiPropertyOptional({ enum: ALERT_SORTS, default: 'sent-desc' })
  @IsOptional() @IsIn(ALERT_SORTS)
  sort?: AlertSort;

  @ApiPropertyOptional({ enum: ['open', 'withdrawn', 'closed'] })
  @IsOptional() @IsIn(['open', 'withdrawn', 'closed'])
  state?: 'open' | 'withdrawn' | 'closed';

  @ApiPropertyOptional({ enum: ONE_TO_MANY_KINDS })
  @IsOptional() @IsIn(ONE_TO_MANY_KINDS)
  kind?: OneToManyKind;

  @ApiPropertyOptional({ enum: ['sender', 'recipient'], description: 'The acting authority\'s side' })
  @IsOptional() @IsIn(['sender', 'recipient'])
  role?: 'sender' | 'recipient';

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only alerts received that the acting authority has neither read nor acknowledged' })
  @IsOptional() @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}
