import { Module } from '@nestjs/common';
import { TrustListConsumer } from './trust-list.consumer';

@Module({ providers: [TrustListConsumer] })
export class TrustModule {}
