import { Module } from '@nestjs/common';
import { DirectoryReader } from './directory.reader';
import { DirectoryController } from './directory.controller';
import { DirectoryStore } from './directory.store';

/** The cached directory of all member states' authorities and its multilingual search. */
@Module({ providers: [DirectoryStore, DirectoryReader], controllers: [DirectoryController], exports: [DirectoryStore, DirectoryReader] })
export class DirectoryModule {}
