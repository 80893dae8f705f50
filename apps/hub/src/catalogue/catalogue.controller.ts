import { Controller, Get } from '@nestjs/common';
import { QuestionCatalogue } from '@imi/domain';
import { CataloguePublisher } from './catalogue.publisher';

@Controller('catalogue')
export class CatalogueController {
  constructor(private readonly publisher: CataloguePublisher) {}

  /** The catalogue as broadcast: every area's questions in every language it has. */
  @Get()
  current(): QuestionCatalogue {
    return this.publisher.catalogue;
  }
}
