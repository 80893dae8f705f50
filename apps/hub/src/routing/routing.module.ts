import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { Router } from './router';
import { RoutingConsumer } from './routing.consumer';

@Module({ imports: [DirectoryModule], providers: [Router, RoutingConsumer], exports: [Router] })
export class RoutingModule {}
