import { flattenedVerify, FlattenedSign, importJWK } from 'jose';
import { MessageRejected } from './errors';
import { generateSigningKey, publicKeyObject, toPublicJwk } from './keys';
import { DetachedSigner, readDetachedHeader, verifyDetached } from './signature';

describe('detached JWS with unencoded payload', () => {
  const jwk = generateSigningKey('FR');
  const signer = new DetachedSigner(jwk);
  const publicKey = publicKeyObject(toPublicJwk(jwk));
  const value = Buffer.from([0, 0, 0, 0, 7, 1, 2, 3, 250, 251]);

  it('signs and verifies the exact bytes', () => {
    const jws = signer.sign(value);
    expect(readDetachedHeader(jws)).toMatchObject({ alg: 'EdDSA', kid: jwk.kid, b64: false, crit: ['b64'] });
    expect(() => verifyDetached(jws, value, publicKey)).not.toThrow();
  });

  it('detects one flipped bit', () => {
    const jws = signer.sign(value);
    const tampered = Buffer.from(value);
    tampered[5] ^= 1;
    expect(() => verifyDetached(jws, tampered, publicKey)).toThrow(MessageRejected);
  });

  it('refuses a signature made by another key', () => {
    const other = new DetachedSigner(generateSigningKey('FR'));
    expect(() => verifyDetached(other.sign(value), value, publicKey)).toThrow(/does not match/);
  });

  it.each([
    [undefined, 'missing-signature'],
    ['garbage', 'bad-signature'],
    ['a.b.c', 'bad-signature'],
    [`${Buffer.from('{"alg":"none","kid":"x"}').toString('base64url')}..AAAA`, 'bad-signature'],
  ])('rejects the malformed signature header %p', (jws, code) => {
    expect(() => readDetachedHeader(jws as string | undefined)).toThrow(expect.objectContaining({ code }));
  });

  it('is verified by jose (cross-check)', async () => {
    const [protectedHeader, , signature] = signer.sign(value).split('.');
    const key = await importJWK(toPublicJwk(jwk), 'EdDSA');
    const result = await flattenedVerify({ protected: protectedHeader, payload: value, signature }, key);
    expect(Buffer.from(result.payload)).toEqual(value);
  });

  it('verifies what jose signs (cross-check)', async () => {
    const key = await importJWK(jwk, 'EdDSA');
    const flat = await new FlattenedSign(value)
      .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid, b64: false, crit: ['b64'] })
      .sign(key);
    expect(() => verifyDetached(`${flat.protected}..${flat.signature}`, value, publicKey)).not.toThrow();
  });
});
