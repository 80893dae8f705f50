import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuthorityEntry } from '@imi/envelope';
import { AuthoritiesService } from './authorities.service';
import { AnySignedInUser } from '../users/session.guard';
import { AuthorityView } from './authority.view';

@ApiTags('authorities')
@Controller('authorities')
export class AuthoritiesController {
  constructor(private readonly authorities: AuthoritiesService) {}

  @AnySignedInUser()
  @Get()
  @ApiQuery({ name: 'country', type: String, required: false })
  @ApiQuery({ name: 'legislativeArea', type: String, required: false })
  @ApiOkResponse({ type: [AuthorityView] })
  search(@Query('country') country: string | undefined, @Query('legislativeArea') legislativeArea: string | undefined): AuthorityEntry[] {
    return this.authorities.search({ country: country?.slice(0, 2), legislativeArea: legislativeArea?.slice(0, 100) });
  }
}
