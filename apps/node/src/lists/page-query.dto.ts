import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '@imi/domain';

/** What every cursor-paged list takes: the page's size and where the previous page ended. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_SIZE_MAX, default: PAGE_SIZE_DEFAULT })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(PAGE_SIZE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page, with the same sort and filters' })
  @IsOptional() @IsString() @MaxLength(400)
  cursor?: string;
}

/** What every list of exchanges takes: the page, the area and the time they were sent. */
export class ExchangePageQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'professional-qualifications' })
  @IsOptional() @IsString() @MaxLength(100)
  legislativeArea?: string;

  @ApiPropertyOptional({ description: 'Sent at or after (ISO 8601)' })
  @IsOptional() @IsISO8601()
  sentFrom?: string;

  @ApiPropertyOptional({ description: 'Sent before (ISO 8601)' })
  @IsOptional() @IsISO8601()
  sentBefore?: string;
}
