import { Module } from '@nestjs/common';
import { NetworkStatus } from './network-status';
import { OperationsController } from './operations.controller';

/** The operator's view of the network (GET /operations/network; hub:cli status reads it). */
@Module({ controllers: [OperationsController], providers: [NetworkStatus] })
export class OperationsModule {}
