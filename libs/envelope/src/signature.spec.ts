import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as avro from 'avsc';
import { flattenedVerify, FlattenedSign, importJWK } from 'jose';
import { MessageRejected } from './errors';
import { generateSigningKey, publicKeyObject, toPublicJwk } from './keys';
import { bodyDigest, manifestBodyDigest, manifestOf } from './manifest';
import { checkSignedBody, DetachedSigner, readDetachedHeader, verifyDetached, verifyMessage } from './signature';
import { findSchemasDir } from './schemas-dir';
import { frame } from './wire-format';

const envelopeType = avro.Type.forSchema(JSON.parse(readFileSync(join(findSchemasDir(), 'envelope.avsc'), 'utf8')));

function envelopeValue(body: Buffer): Buffer {
  return frame(7, envelopeType.toBuffer({
    messageId: '0b0c9a3e-6a0e-4c61-a1c2-3f0f0b3c9d11', type: 'request.subject-disclosed', senderNode: 'FR', senderAuthority: 'FR-CNOM',
    recipientNodes: ['DE'], recipientAuthorities: ['DE-BE-AEK'], caseId: 'c', legislativeArea: null, sentAt: 1_700_000_000_000,
    causationId: null, bodyEncoding: 'JWE', body,
  }));
}

describe('message signatures (protocol 2: over the manifest)', () => {
  const jwk = generateSigningKey('FR');
  const signer = new DetachedSigner(jwk);
  const publicKey = publicKeyObject(toPublicJwk(jwk));
  // Long enough that the body's length takes two varint bytes.
  const body = Buffer.from(`{"ciphertext":"${'x'.repeat(300)}"}`);
  const value = envelopeValue(body);

  it('covers the value with the body replaced by its SHA-256, itself a valid envelope', () => {
    const manifest = manifestOf(value, body.length);
    expect(manifestBodyDigest(manifest)).toEqual(bodyDigest(body));
    const decoded = envelopeType.fromBuffer(manifest.subarray(5)) as { body: Buffer; caseId: string };
    expect(decoded.body).toEqual(bodyDigest(body));
    expect(decoded.caseId).toBe('c');
    expect(manifest.length).toBeLessThan(value.length);
  });

  it('signs and verifies; the header names the protocol and the body length', () => {
    const jws = signer.signMessage(value, body);
    expect(readDetachedHeader(jws)).toMatchObject({ alg: 'EdDSA', kid: jwk.kid, b64: false, crit: ['b64', 'imi'], imi: 2, bodyLength: body.length });
    const verified = verifyMessage(jws, value, publicKey);
    expect(verified).toMatchObject({ protocol: 2, bodyLength: body.length });
    expect(verified.manifest).toEqual(manifestOf(value, body.length));
  });

  it('still verifies against the manifest alone once the body is gone', () => {
    const jws = signer.signMessage(value, body);
    expect(() => verifyDetached(jws, manifestOf(value, body.length), publicKey)).not.toThrow();
  });

  it('detects one flipped bit in the metadata or in the body', () => {
    const jws = signer.signMessage(value, body);
    for (const at of [8, value.length - 3]) {
      const tampered = Buffer.from(value);
      tampered[at] ^= 1;
      expect(() => verifyMessage(jws, tampered, publicKey)).toThrow(MessageRejected);
    }
  });

  it('refuses a body other than the one the signature states', () => {
    const jws = signer.signMessage(value, body);
    const verified = verifyMessage(jws, value, publicKey);
    expect(() => checkSignedBody(verified, body)).not.toThrow();
    expect(() => checkSignedBody(verified, body.subarray(1))).toThrow(/not the one the signature covers/);
  });

  it('refuses a signature made by another key', () => {
    const other = new DetachedSigner(generateSigningKey('FR'));
    expect(() => verifyMessage(other.signMessage(value, body), value, publicKey)).toThrow(/does not match/);
  });

  it('refuses a body length that does not frame the value', () => {
    const header = Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: jwk.kid, b64: false, crit: ['b64', 'imi'], imi: 2, bodyLength: body.length + 1 })).toString('base64url');
    expect(() => verifyMessage(`${header}..AAAA`, value, publicKey)).toThrow(expect.objectContaining({ code: 'malformed' }));
    const noLength = Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: jwk.kid, b64: false, crit: ['b64', 'imi'], imi: 2 })).toString('base64url');
    expect(() => verifyMessage(`${noLength}..AAAA`, value, publicKey)).toThrow(expect.objectContaining({ code: 'bad-signature' }));
  });

  it.each([
    [undefined, 'missing-signature'],
    ['garbage', 'bad-signature'],
    ['a.b.c', 'bad-signature'],
    [`${Buffer.from('{"alg":"none","kid":"x"}').toString('base64url')}..AAAA`, 'bad-signature'],
    [`${Buffer.from('null').toString('base64url')}..AAAA`, 'bad-signature'],
    [`${Buffer.from('{"alg":"EdDSA","kid":"x","b64":false,"crit":["b64","imi"],"imi":3}').toString('base64url')}..AAAA`, 'bad-signature'],
    [`${Buffer.from('{"alg":"EdDSA","kid":"x","b64":false,"crit":["b64","exp"]}').toString('base64url')}..AAAA`, 'bad-signature'],
  ])('rejects the malformed or unsupported signature header %p', (jws, code) => {
    expect(() => readDetachedHeader(jws as string | undefined)).toThrow(expect.objectContaining({ code }));
  });

  it('is verified by jose over the manifest (cross-check)', async () => {
    const [protectedHeader, , signature] = signer.signMessage(value, body).split('.');
    const key = await importJWK(toPublicJwk(jwk), 'EdDSA');
    const manifest = manifestOf(value, body.length);
    const result = await flattenedVerify({ protected: protectedHeader, payload: manifest, signature }, key, { crit: { imi: true } });
    expect(Buffer.from(result.payload)).toEqual(manifest);
  });

  it('verifies what jose signs over the manifest (cross-check)', async () => {
    const key = await importJWK(jwk, 'EdDSA');
    const flat = await new FlattenedSign(manifestOf(value, body.length))
      .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid, b64: false, crit: ['b64', 'imi'], imi: 2, bodyLength: body.length })
      .sign(key, { crit: { imi: true } });
    expect(verifyMessage(`${flat.protected}..${flat.signature}`, value, publicKey).protocol).toBe(2);
  });
});

describe('message signatures (protocol 1: over the whole value, before protocol 2)', () => {
  const jwk = generateSigningKey('FR');
  const publicKey = publicKeyObject(toPublicJwk(jwk));
  const body = Buffer.from('sealed');
  const value = envelopeValue(body);

  it('still verifies, over the exact bytes', async () => {
    const jws = new DetachedSigner(jwk, {}, 1).signMessage(value, body);
    expect(readDetachedHeader(jws)).toMatchObject({ crit: ['b64'] });
    expect(verifyMessage(jws, value, publicKey)).toEqual({ protocol: 1, manifest: null, bodyLength: null });
    const [protectedHeader, , signature] = jws.split('.');
    await expect(flattenedVerify({ protected: protectedHeader, payload: value, signature }, await importJWK(toPublicJwk(jwk), 'EdDSA'))).resolves.toBeDefined();
  });

  it('detects one flipped bit', () => {
    const jws = new DetachedSigner(jwk, {}, 1).signMessage(value, body);
    const tampered = Buffer.from(value);
    tampered[6] ^= 1;
    expect(() => verifyMessage(jws, tampered, publicKey)).toThrow(MessageRejected);
  });

  it('verifies what jose signs (cross-check)', async () => {
    const flat = await new FlattenedSign(value).setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid, b64: false, crit: ['b64'] }).sign(await importJWK(jwk, 'EdDSA'));
    expect(verifyMessage(`${flat.protected}..${flat.signature}`, value, publicKey).protocol).toBe(1);
  });
});
