import { Module } from '@nestjs/common';
import { DirectoryPublisher } from './directory.publisher';
import { DirectoryRepository } from './directory.repository';
import { RegistrationHandler } from './registration.handler';

/** The registration chain's hub side (directory updates from nodes) and the directory broadcast. */
@Module({ providers: [DirectoryRepository, DirectoryPublisher, RegistrationHandler], exports: [RegistrationHandler] })
export class DirectoryModule {}
