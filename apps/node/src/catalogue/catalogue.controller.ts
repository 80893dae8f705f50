import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { localise, LocalisedQuestion } from '@imi/domain';
import { NotFound } from '../problem/errors';
import { CatalogueStore } from './catalogue.store';
import { AnySignedInUser } from '../users/session.guard';
import { CatalogueSummary, LocalisedQuestionView } from './catalogue.view';

/** `?lang=` once, a language tag: given twice it would arrive as an array (400, not a crash). */
class CatalogueAreaQuery {
  @ApiPropertyOptional({ example: 'de', description: 'The reader\'s language; else Accept-Language, else English' })
  @IsOptional() @IsString() @MaxLength(35)
  lang?: string;
}

@ApiTags('catalogue')
@Controller('catalogue')
export class CatalogueController {
  constructor(private readonly store: CatalogueStore) {}

  /** The version in force and the legislative areas it covers. */
  @AnySignedInUser()
  @Get()
  @ApiOkResponse({ type: CatalogueSummary })
  summary(): { version: number; languages: readonly string[]; areas: string[] } {
    const catalogue = this.store.current();
    return { version: catalogue.version, languages: catalogue.languages, areas: Object.keys(catalogue.areas) };
  }

  /** An area's questions in the reader's language (`lang`, else Accept-Language, else English). */
  @AnySignedInUser()
  @Get(':area')
  @ApiOkResponse({ type: [LocalisedQuestionView] })
  @ApiHeader({ name: 'accept-language', required: false })
  area(@Param('area') area: string, @Query() { lang }: CatalogueAreaQuery, @Headers('accept-language') acceptLanguage: string | undefined): LocalisedQuestion[] {
    const catalogue = this.store.current();
    if (!Object.hasOwn(catalogue.areas, area)) throw new NotFound(`legislative area ${area.slice(0, 100)}`);
    return catalogue.areas[area].map((q) => localise(catalogue, area, q.id, lang ?? acceptLanguage));
  }
}

