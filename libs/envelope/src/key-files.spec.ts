import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readKeySet, writeKeySet } from './key-files';
import { generateEncryptionKey, generateNodeKeySet } from './keys';

describe('key files', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'imi-keyfiles-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keeps several epoch keys in a private file only its owner can read', () => {
    const dir = join(root, 'DE');
    const keys = generateNodeKeySet('DE');
    const next = generateEncryptionKey('DE', 2);
    writeKeySet(dir, { ...keys, encryption: [...keys.encryption, next] });
    expect(readKeySet(dir).encryption.map((k) => k.kid)).toEqual([keys.encryption[0].kid, next.kid]);
    expect(statSync(join(dir, 'private.json')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(dir, 'public.json'), 'utf8')).not.toContain('"d"');
  });

  it('rewrites atomically and leaves no copy of a removed key in the folder', () => {
    const dir = join(root, 'DE');
    const keys = generateNodeKeySet('DE');
    const old = keys.encryption[0];
    const next = generateEncryptionKey('DE', 2);
    writeKeySet(dir, { ...keys, encryption: [old, next] });
    writeKeySet(dir, { ...keys, encryption: [next] });
    expect(readdirSync(dir).sort()).toEqual(['private.json', 'public.json']);
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), 'utf8');
      expect(text).not.toContain(old.d);
      expect(text).not.toContain(old.kid);
    }
    expect(statSync(join(dir, 'private.json')).mode & 0o777).toBe(0o600);
    expect(readKeySet(dir).encryption.map((k) => k.kid)).toEqual([next.kid]);
  });
});
