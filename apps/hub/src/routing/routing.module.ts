import { Module } from '@nestjs/common';
import { AuditWitnessModule } from '../audit-witness/audit-witness.module';
import { DirectoryModule } from '../directory/directory.module';
import { NetworkActivityModule } from '../operations/network-activity.module';
import { Router } from './router';
import { RoutingConsumer } from './routing.consumer';

@Module({ imports: [DirectoryModule, AuditWitnessModule, NetworkActivityModule], providers: [Router, RoutingConsumer], exports: [Router, RoutingConsumer] })
export class RoutingModule {}
