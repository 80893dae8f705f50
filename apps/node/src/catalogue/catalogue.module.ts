import { Module } from '@nestjs/common';
import { CatalogueConsumer } from './catalogue.consumer';
import { CatalogueController } from './catalogue.controller';
import { CatalogueStore } from './catalogue.store';

@Module({ providers: [CatalogueStore, CatalogueConsumer], controllers: [CatalogueController], exports: [CatalogueStore] })
export class CatalogueModule {}
