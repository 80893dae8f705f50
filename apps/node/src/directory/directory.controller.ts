import { Controller, Get, Headers, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { checkDirectoryQuery, displayName, MAX_QUERY_CHARS, MAX_QUERY_WORDS } from '@imi/domain';
import { AnySignedInUser } from '../users/session.guard';
import { DirectoryStore } from './directory.store';
import { DirectoryResult } from './directory.view';

export { DirectoryResult };

@ApiTags('directory')
@ApiBearerAuth()
@Controller('directory')
export class DirectoryController {
  constructor(private readonly store: DirectoryStore) {}

  /** Every member state's active authorities: free text in any EU language over names and keywords, and filters. */
  @AnySignedInUser()
  @Get()
  // What checkDirectoryQuery enforces (it reads the raw query, so there is no DTO to describe it).
  @ApiQuery({ name: 'q', required: false, schema: { type: 'string', maxLength: MAX_QUERY_CHARS }, description: `Words of a name, keyword, profession or place, in any language; at most ${MAX_QUERY_WORDS} words` })
  @ApiQuery({ name: 'country', required: false, schema: { type: 'string', maxLength: 2 } })
  @ApiQuery({ name: 'legislativeArea', required: false, schema: { type: 'string', maxLength: 100 } })
  @ApiQuery({ name: 'profession', required: false, schema: { type: 'string', maxLength: 100 } })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } })
  @ApiOkResponse({ type: [DirectoryResult] })
  search(@Query() raw: Record<string, unknown>, @Headers('accept-language') acceptLanguage: string | undefined): DirectoryResult[] {
    const query = checkDirectoryQuery(raw);
    const language = acceptLanguage?.slice(0, 2).toLowerCase() ?? null;
    return this.store.search(query).map(({ entry: { status: _status, ...entry }, score }) => ({ ...entry, name: displayName(entry, language), score }));
  }
}
