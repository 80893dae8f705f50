import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeConfigFromEnv } from './config';

describe('nodeConfigFromEnv: HTTPS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'node-config-'));
  writeFileSync(join(dir, 'hub.json'), JSON.stringify({ signing: { kty: 'OKP', crv: 'Ed25519', x: 'x', kid: 'HUB-sig-1' } }));
  writeFileSync(join(dir, 'cert.pem'), 'CERT');
  writeFileSync(join(dir, 'key.pem'), 'KEY');
  const base = {
    NODE_COUNTRY: 'FR', HUB_PUBLIC_KEY_FILE: join(dir, 'hub.json'), DATABASE_URL: 'postgres://x', KAFKA_BROKERS: 'k:9092',
    SCHEMA_REGISTRY_URL: 'http://r', NODE_KEYS_DIR: dir,
  };

  it('serves plain HTTP when no certificate is configured', () => {
    expect(nodeConfigFromEnv(base).tls).toBeUndefined();
  });

  it('reads the certificate and key when both are given', () => {
    const tls = nodeConfigFromEnv({ ...base, TLS_CERT_FILE: join(dir, 'cert.pem'), TLS_KEY_FILE: join(dir, 'key.pem') }).tls!;
    expect([tls.cert.toString(), tls.key.toString()]).toEqual(['CERT', 'KEY']);
  });

  it('refuses one without the other, and files it cannot read', () => {
    expect(() => nodeConfigFromEnv({ ...base, TLS_CERT_FILE: join(dir, 'cert.pem') })).toThrow('go together');
    expect(() => nodeConfigFromEnv({ ...base, TLS_CERT_FILE: join(dir, 'none.pem'), TLS_KEY_FILE: join(dir, 'key.pem') })).toThrow('cannot read');
  });

  it('listens on loopback unless HTTP_HOST names another address (a container: 0.0.0.0)', () => {
    expect(nodeConfigFromEnv(base).httpHost).toBe('127.0.0.1');
    expect(nodeConfigFromEnv({ ...base, HTTP_HOST: '0.0.0.0' }).httpHost).toBe('0.0.0.0');
  });

  it('checkpoints the audit chain every minute unless told otherwise, and refuses an interval that is not one', () => {
    expect(nodeConfigFromEnv(base).auditCheckpointIntervalMs).toBe(60_000);
    expect(nodeConfigFromEnv({ ...base, AUDIT_CHECKPOINT_INTERVAL_MS: '5000' }).auditCheckpointIntervalMs).toBe(5000);
    expect(() => nodeConfigFromEnv({ ...base, AUDIT_CHECKPOINT_INTERVAL_MS: '0' })).toThrow('AUDIT_CHECKPOINT_INTERVAL_MS');
    expect(() => nodeConfigFromEnv({ ...base, AUDIT_CHECKPOINT_INTERVAL_MS: 'soon' })).toThrow('AUDIT_CHECKPOINT_INTERVAL_MS');
  });
});
