import { Module } from '@nestjs/common';
import { DirectoryConsumer } from './directory.consumer';
import { DirectoryController } from './directory.controller';
import { DirectoryStore } from './directory.store';

/** The cached directory of all member states' authorities and its multilingual search. */
@Module({ providers: [DirectoryStore, DirectoryConsumer], controllers: [DirectoryController], exports: [DirectoryStore] })
export class DirectoryModule {}
