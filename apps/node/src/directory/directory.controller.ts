import { Controller, Get, Headers, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { checkDirectoryQuery, displayName } from '@imi/domain';
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
  @ApiQuery({ name: 'q', type: String, required: false, description: 'Words of a name, keyword, profession or place, in any language' })
  @ApiQuery({ name: 'country', type: String, required: false })
  @ApiQuery({ name: 'legislativeArea', type: String, required: false })
  @ApiQuery({ name: 'profession', type: String, required: false })
  @ApiQuery({ name: 'limit', type: Number, required: false, description: '1 to 100, default 20' })
  @ApiOkResponse({ type: [DirectoryResult] })
  search(@Query() raw: Record<string, unknown>, @Headers('accept-language') acceptLanguage: string | undefined): DirectoryResult[] {
    const query = checkDirectoryQuery(raw);
    const language = acceptLanguage?.slice(0, 2).toLowerCase() ?? null;
    return this.store.search(query).map(({ entry: { status: _status, ...entry }, score }) => ({ ...entry, name: displayName(entry, language), score }));
  }
}
