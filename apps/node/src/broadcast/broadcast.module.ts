import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { DirectoryModule } from '../directory/directory.module';
import { TrustModule } from '../trust/trust.module';
import { BroadcastConsumer } from './broadcast.consumer';

/** The hub's broadcast documents, read by one consumer and handed to each module's reader. */
@Module({ imports: [TrustModule, CatalogueModule, DirectoryModule], providers: [BroadcastConsumer] })
export class BroadcastModule {}
