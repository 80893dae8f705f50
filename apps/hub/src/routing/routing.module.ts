import { Module } from '@nestjs/common';
import { Router } from './router';
import { RoutingConsumer } from './routing.consumer';

@Module({ providers: [Router, RoutingConsumer], exports: [Router] })
export class RoutingModule {}
