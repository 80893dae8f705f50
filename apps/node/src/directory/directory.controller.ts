import { Controller, Get, Headers, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { checkDirectoryQuery, displayName, DirectoryEntry } from '@imi/domain';
import { AnySignedInUser } from '../users/session.guard';
import { DirectoryStore } from './directory.store';

export interface DirectoryResult extends Omit<DirectoryEntry, 'status'> {
  /** The name in the reader's language where the authority gave one. */
  name: string;
  score: number;
}

@ApiTags('directory')
@ApiBearerAuth()
@Controller('directory')
export class DirectoryController {
  constructor(private readonly store: DirectoryStore) {}

  /** Every member state's active authorities: free text in any EU language over names and keywords, and filters. */
  @AnySignedInUser()
  @Get()
  @ApiQuery({ name: 'q', required: false, description: 'Words of a name, keyword, profession or place, in any language' })
  @ApiQuery({ name: 'country', required: false })
  @ApiQuery({ name: 'legislativeArea', required: false })
  @ApiQuery({ name: 'profession', required: false })
  @ApiQuery({ name: 'limit', required: false })
  search(@Query() raw: Record<string, unknown>, @Headers('accept-language') acceptLanguage: string | undefined): DirectoryResult[] {
    const query = checkDirectoryQuery(raw);
    const language = acceptLanguage?.slice(0, 2).toLowerCase() ?? null;
    return this.store.search(query).map(({ entry: { status: _status, ...entry }, score }) => ({ ...entry, name: displayName(entry, language), score }));
  }
}
