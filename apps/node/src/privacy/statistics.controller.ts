import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Database } from '@imi/persistence';
import { RequireRoles } from '../users/session.guard';

/** One group of exchanges: kind, legislative area and state. */
class Row {
  @ApiProperty({ description: "'request', or the alert's kind" }) kind!: string;
  @ApiProperty() legislativeArea!: string;
  @ApiProperty() state!: string;
  @ApiProperty() total!: number;
  /** Personal data deleted, for whatever reason: the three counts below, and deletions from before they were told apart. */
  @ApiProperty({ description: 'Personal data deleted, for whatever reason' }) anonymised!: number;
  @ApiProperty() erasedOnRequest!: number;
  @ApiProperty() deletedEarly!: number;
  @ApiProperty() deletedAtRetention!: number;
}

class StatisticsView {
  @ApiProperty({ type: [Row] }) requests!: Row[];
  @ApiProperty({ type: [Row] }) alerts!: Row[];
}

/**
 * Counts of exchanges by area and state, for the Commission's and member states' statistics.
 * Exchanges whose personal data was deleted still count: they stay as anonymised records.
 */
@ApiTags('statistics')
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly db: Database) {}

  @RequireRoles('coordinator', 'observer', 'data-protection-contact', 'authority-administrator')
  @Get()
  @ApiOkResponse({ type: StatisticsView })
  async counts(): Promise<StatisticsView> {
    const group = (table: string, kind: string) =>
      this.db.query<Row>(
        `SELECT ${kind} AS kind, legislative_area AS "legislativeArea", state, count(*)::int AS total,
                count(*) FILTER (WHERE personal_data_deleted_at IS NOT NULL)::int AS anonymised,
                count(*) FILTER (WHERE personal_data_erasure->>'reason' = 'data-subject-erasure')::int AS "erasedOnRequest",
                count(*) FILTER (WHERE personal_data_erasure->>'reason' = 'early-deletion')::int AS "deletedEarly",
                count(*) FILTER (WHERE personal_data_erasure->>'reason' = 'retention-deletion')::int AS "deletedAtRetention"
         FROM ${table} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      );
    return { requests: await group('requests', `'request'`), alerts: await group('alerts', 'kind') };
  }
}
