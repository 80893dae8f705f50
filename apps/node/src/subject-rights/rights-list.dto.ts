import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { SUBJECT_REQUEST_KINDS, SubjectRequestKind } from '@imi/domain';
import { PageQuery } from '../lists/page-query.dto';

export const SUBJECT_REQUEST_STATES = ['open', 'granted', 'refused', 'routed'] as const;
export const SUBJECT_REQUEST_SORTS = ['received-desc', 'received-asc', 'due-asc'] as const;
export type SubjectRequestSort = (typeof SUBJECT_REQUEST_SORTS)[number];

/** `GET /subject-requests` (and `/objections`): one page of the acting authority's data subjects' requests, filtered and sorted in SQL. */
export class ListSubjectRequestsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SUBJECT_REQUEST_SORTS, default: 'received-desc' })
  @IsOptional() @IsIn(SUBJECT_REQUEST_SORTS)
  sort?: SubjectRequestSort;

  @ApiPropertyOptional({ enum: SUBJECT_REQUEST_KINDS })
  @IsOptional() @IsIn(SUBJECT_REQUEST_KINDS)
  kind?: SubjectRequestKind;

  @ApiPropertyOptional({ enum: SUBJECT_REQUEST_STATES })
  @IsOptional() @IsIn(SUBJECT_REQUEST_STATES)
  state?: (typeof SUBJECT_REQUEST_STATES)[number];

  @ApiPropertyOptional({ description: 'Only requests concerning this exchange (request or alert id)' })
  @IsOptional() @IsUUID()
  exchangeId?: string;

  @ApiPropertyOptional({ description: 'Received at or after (ISO 8601)' })
  @IsOptional() @IsISO8601()
  receivedFrom?: string;

  @ApiPropertyOptional({ description: 'Received before (ISO 8601)' })
  @IsOptional() @IsISO8601()
  receivedBefore?: string;
}

export const EARLY_DELETION_STATES = ['proposed', 'agreed', 'refused', 'executed'] as const;
export const EARLY_DELETION_SORTS = ['proposed-desc', 'proposed-asc'] as const;
export type EarlyDeletionSort = (typeof EARLY_DELETION_SORTS)[number];

/** `GET /early-deletions`: one page of the early deletions the acting authority proposed or is asked about. */
export class ListEarlyDeletionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: EARLY_DELETION_SORTS, default: 'proposed-desc' })
  @IsOptional() @IsIn(EARLY_DELETION_SORTS)
  sort?: EarlyDeletionSort;

  @ApiPropertyOptional({ enum: EARLY_DELETION_STATES })
  @IsOptional() @IsIn(EARLY_DELETION_STATES)
  state?: (typeof EARLY_DELETION_STATES)[number];

  @ApiPropertyOptional({ enum: ['proposer', 'participant'], description: 'The acting authority\'s side' })
  @IsOptional() @IsIn(['proposer', 'participant'])
  role?: 'proposer' | 'participant';

  @ApiPropertyOptional({ description: 'Only early deletions of this exchange (request or alert id)' })
  @IsOptional() @IsUUID()
  exchangeId?: string;

  @ApiPropertyOptional({ description: 'Proposed at or after (ISO 8601)' })
  @IsOptional() @IsISO8601()
  proposedFrom?: string;

  @ApiPropertyOptional({ description: 'Proposed before (ISO 8601)' })
  @IsOptional() @IsISO8601()
  proposedBefore?: string;
}
