import { Module } from '@nestjs/common';
import { AuthoritiesController } from './authorities.controller';
import { AuthoritiesService } from './authorities.service';

@Module({ providers: [AuthoritiesService], controllers: [AuthoritiesController], exports: [AuthoritiesService] })
export class AuthoritiesModule {}
