import { Module } from '@nestjs/common';
import { RegistryRepository } from './registry.repository';
import { TrustListPublisher } from './trust-list.publisher';
import { TrustListController } from './trust-list.controller';

@Module({
  providers: [RegistryRepository, TrustListPublisher],
  controllers: [TrustListController],
  exports: [RegistryRepository, TrustListPublisher],
})
export class RegistryModule {}
