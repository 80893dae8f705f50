import { Module } from '@nestjs/common';
import { EpochKeys } from './epoch-keys';
import { TrustListConsumer } from './trust-list.consumer';

@Module({ providers: [EpochKeys, TrustListConsumer] })
export class TrustModule {}
