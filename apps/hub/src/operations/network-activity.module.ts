import { Module } from '@nestjs/common';
import { NetworkActivity } from './network-activity';

/** The router's record of each member state's traffic, for the operator's view. */
@Module({ providers: [NetworkActivity], exports: [NetworkActivity] })
export class NetworkActivityModule {}
