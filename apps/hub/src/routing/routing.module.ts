import { Module } from '@nestjs/common';
import { AuditWitnessModule } from '../audit-witness/audit-witness.module';
import { DirectoryModule } from '../directory/directory.module';
import { Router } from './router';
import { RoutingConsumer } from './routing.consumer';

@Module({ imports: [DirectoryModule, AuditWitnessModule], providers: [Router, RoutingConsumer], exports: [Router] })
export class RoutingModule {}
