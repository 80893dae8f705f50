import { Module } from '@nestjs/common';
import { EpochKeyDestruction } from './epoch-key-destruction';
import { EpochKeys } from './epoch-keys';
import { TrustListReader } from './trust-list.reader';

@Module({ providers: [EpochKeys, EpochKeyDestruction, TrustListReader], exports: [TrustListReader, EpochKeyDestruction] })
export class TrustModule {}
