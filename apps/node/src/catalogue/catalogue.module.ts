import { Module } from '@nestjs/common';
import { CatalogueReader } from './catalogue.reader';
import { CatalogueController } from './catalogue.controller';
import { CatalogueStore } from './catalogue.store';

@Module({ providers: [CatalogueStore, CatalogueReader], controllers: [CatalogueController], exports: [CatalogueStore, CatalogueReader] })
export class CatalogueModule {}
