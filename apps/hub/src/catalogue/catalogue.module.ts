import { Module } from '@nestjs/common';
import { CatalogueController } from './catalogue.controller';
import { CataloguePublisher } from './catalogue.publisher';

@Module({ providers: [CataloguePublisher], controllers: [CatalogueController] })
export class CatalogueModule {}
