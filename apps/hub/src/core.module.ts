import { DynamicModule, Global, Logger, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import { AvroCodec, NodeKeySet, publicKeySet, readKeySet, TrustStore } from '@imi/envelope';
import { createKafka } from '@imi/messaging';
import { Database, migrateWhenReachable } from '@imi/persistence';
import { HubConfig } from './config';

export const HUB_CONFIG = Symbol('HUB_CONFIG');
export const HUB_KEYS = Symbol('HUB_KEYS');

@Injectable()
class DatabaseCloser implements OnApplicationShutdown {
  constructor(private readonly db: Database) {}
  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

/** What every hub capability shares: configuration, database, codec, Kafka, keys, trust. */
@Global()
@Module({})
export class HubCoreModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: HubCoreModule,
      providers: [
        { provide: HUB_CONFIG, useValue: config },
        {
          provide: Database,
          useFactory: async () => {
            const db = Database.connect(config.databaseUrl);
            // Started while Postgres restarts (a crash, a deployment): wait for it rather than exit.
            await migrateWhenReachable(db, join(__dirname, '..', 'migrations'), {
              onWait: (error) => new Logger('Database').warn(`waiting for the database: ${error.message}`),
            });
            return db;
          },
        },
        { provide: AvroCodec, useFactory: () => AvroCodec.connect(config.schemaRegistryUrl, config.schemasDir) },
        { provide: Kafka, useFactory: () => createKafka(config.kafkaBrokers, `hub-${config.instanceId}`, config.kafkaCredentials) },
        { provide: HUB_KEYS, useFactory: () => readKeySet(config.keysDir) },
        {
          provide: TrustStore,
          inject: [HUB_KEYS],
          useFactory: (keys: NodeKeySet) => {
            const store = new TrustStore();
            store.trustHub(publicKeySet(keys).signing);
            return store;
          },
        },
        DatabaseCloser,
      ],
      exports: [HUB_CONFIG, Database, AvroCodec, Kafka, HUB_KEYS, TrustStore],
    };
  }
}

export const InjectHubConfig = () => Inject(HUB_CONFIG);
export const InjectHubKeys = () => Inject(HUB_KEYS);
