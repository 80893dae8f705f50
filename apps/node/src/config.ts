import { readFileSync } from 'node:fs';
import { findSchemasDir, KeyError, PublicJwk } from '@imi/envelope';
import { KafkaCredentials, kafkaCredentialsFromEnv } from '@imi/messaging';

/** Everything a national node reads from its environment, validated once at boot. */
export interface NodeConfig {
  /** ISO country code of the member state this node serves (EC for the Commission). */
  country: string;
  databaseUrl: string;
  kafkaBrokers: string[];
  /** SASL/SCRAM credentials of this process's Kafka user; none on an unsecured broker. */
  kafkaCredentials?: KafkaCredentials;
  schemaRegistryUrl: string;
  topicPrefix: string;
  /** Folder holding this node's key set (private.json), outside git. */
  keysDir: string;
  /** The hub's public signing key: the trust anchor, obtained out of band. */
  hubPublicKey: PublicJwk;
  schemasDir: string;
  httpPort: number;
  /** The address the HTTP API listens on (`HTTP_HOST`): loopback unless set, 0.0.0.0 in a container. */
  httpHost: string;
  /** How often the audit chain's head is checkpointed at the hub (`AUDIT_CHECKPOINT_INTERVAL_MS`, default a minute). */
  auditCheckpointIntervalMs?: number;
  /** Certificate and key (PEM): the REST API and its OpenAPI UI are then served over HTTPS only. */
  tls?: { cert: Buffer; key: Buffer };
  /**
   * The data protection supervisory authority a person may complain to, named in right-of-access
   * reports (`SUPERVISORY_AUTHORITY_NAME`, `SUPERVISORY_AUTHORITY_ADDRESS`, lines separated by `|`);
   * unset, the member state's national authority (access-report/supervisory-authority.ts).
   */
  supervisoryAuthority?: { name?: string; address?: string };
}

export function nodeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): NodeConfig {
  const need = (name: string): string => {
    const value = env[name];
    if (!value) throw new KeyError(`environment variable ${name} is required`);
    return value;
  };
  const country = need('NODE_COUNTRY');
  if (!/^[A-Z]{2}$/.test(country)) throw new KeyError(`NODE_COUNTRY must be a two-letter code, not ${country}`);
  const hubKeyFile = need('HUB_PUBLIC_KEY_FILE');
  let hubPublicKey: PublicJwk;
  try {
    hubPublicKey = JSON.parse(readFileSync(hubKeyFile, 'utf8')).signing;
  } catch (error) {
    throw new KeyError(`cannot read the hub public key ${hubKeyFile}: ${(error as Error).message}`);
  }
  return {
    country,
    databaseUrl: need('DATABASE_URL'),
    kafkaBrokers: need('KAFKA_BROKERS').split(','),
    kafkaCredentials: kafkaCredentialsFromEnv(env),
    schemaRegistryUrl: need('SCHEMA_REGISTRY_URL'),
    topicPrefix: env.TOPIC_PREFIX ?? '',
    keysDir: need('NODE_KEYS_DIR'),
    hubPublicKey,
    schemasDir: env.SCHEMAS_DIR ?? findSchemasDir(),
    httpPort: Number(env.PORT ?? 3001),
    httpHost: env.HTTP_HOST || '127.0.0.1',
    auditCheckpointIntervalMs: positiveNumber(env, 'AUDIT_CHECKPOINT_INTERVAL_MS', 60_000),
    tls: tlsFromEnv(env),
    supervisoryAuthority: { name: env.SUPERVISORY_AUTHORITY_NAME || undefined, address: env.SUPERVISORY_AUTHORITY_ADDRESS || undefined },
  };
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new KeyError(`${name} must be a positive number of milliseconds`);
  return value;
}

function tlsFromEnv(env: NodeJS.ProcessEnv): NodeConfig['tls'] {
  const { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile } = env;
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) throw new KeyError('TLS_CERT_FILE and TLS_KEY_FILE go together');
  const read = (file: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new KeyError(`cannot read ${file}: ${(error as Error).message}`);
    }
  };
  return { cert: read(certFile), key: read(keyFile) };
}
