import { DynamicModule, Global, Logger, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import { AvroCodec, NodeCrypto, NodeKeySet, readKeySet, TrustStore } from '@imi/envelope';
import { createKafka } from '@imi/messaging';
import { Database, migrateWhenReachable } from '@imi/persistence';
import { NodeConfig } from './config';

export const NODE_CONFIG = Symbol('NODE_CONFIG');
export const InjectNodeConfig = () => Inject(NODE_CONFIG);

@Injectable()
class DatabaseCloser implements OnApplicationShutdown {
  constructor(private readonly db: Database) {}
  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

/** What every node capability shares: configuration, database, codec, Kafka, keys, trust. */
@Global()
@Module({})
export class NodeCoreModule {
  static forRoot(config: NodeConfig): DynamicModule {
    return {
      module: NodeCoreModule,
      providers: [
        { provide: NODE_CONFIG, useValue: config },
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
        { provide: Kafka, useFactory: () => createKafka(config.kafkaBrokers, `node-${config.country}`, config.kafkaCredentials) },
        {
          provide: TrustStore,
          useFactory: () => {
            const store = new TrustStore();
            store.trustHub(config.hubPublicKey);
            return store;
          },
        },
        {
          provide: NodeCrypto,
          inject: [TrustStore],
          useFactory: (trust: TrustStore) => {
            const keys: NodeKeySet = readKeySet(config.keysDir);
            if (keys.node !== config.country) throw new Error(`keys in ${config.keysDir} are for ${keys.node}, not ${config.country}`);
            return new NodeCrypto(keys, trust);
          },
        },
        DatabaseCloser,
      ],
      exports: [NODE_CONFIG, Database, AvroCodec, Kafka, TrustStore, NodeCrypto],
    };
  }
}
