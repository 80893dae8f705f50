import { Module } from '@nestjs/common';
import { EpochKeys } from './epoch-keys';
import { TrustListReader } from './trust-list.reader';

@Module({ providers: [EpochKeys, TrustListReader], exports: [TrustListReader] })
export class TrustModule {}
