import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { FlattenedSign, flattenedVerify, GeneralEncrypt, generalDecrypt, importJWK } from 'jose';
import {
  generateNodeKeySet, NodeCrypto, NodeKeySet, readDetachedHeader, toPublicJwk, TrustList, TrustStore, verifyMessage,
} from '@imi/envelope';
import { envelopeAround, requestSentBody } from './payloads';
import { opsPerSecond, opsPerSecondAsync, round } from './stats';

/** Two nodes' keys and a trust list naming both, as a running network would have them. */
function twoNodes(): { fr: NodeCrypto; de: NodeCrypto; keys: Record<'FR' | 'DE', NodeKeySet> } {
  const keys = { FR: generateNodeKeySet('FR'), DE: generateNodeKeySet('DE') };
  const list: TrustList = {
    version: 1,
    issuedAt: new Date().toISOString(),
    authorities: [],
    nodes: (['FR', 'DE'] as const).map((code) => ({
      code,
      status: 'active' as const,
      signingKeys: [{ ...toPublicJwk(keys[code].signing), status: 'active' as const }],
      encryptionKeys: keys[code].encryption.map((k) => ({ ...toPublicJwk(k), notBefore: new Date(0).toISOString(), notAfter: null })),
    })),
  };
  const trust = (): TrustStore => {
    const store = new TrustStore();
    store.replace(list);
    return store;
  };
  return { fr: new NodeCrypto(keys.FR, trust()), de: new NodeCrypto(keys.DE, trust()), keys };
}

export interface CryptoFloor {
  bodyBytes: number;
  valueBytes: number;
  /** Exchanges/s one core can do of: 1 sign + 2 verifications + 1 seal + 1 open (the design shipped). */
  shippedExchangesPerSecond: number;
  /** The same work with jose and per-message ECDH-ES+A256KW (X25519): what the design avoids. */
  perMessageEcdhExchangesPerSecond: number;
  operations: Record<string, number>;
}

/**
 * The cryptographic work no exchange can avoid, in a tight loop on one core: the ceiling the
 * pipeline is compared with.
 */
export async function measureCryptoFloor(): Promise<CryptoFloor> {
  const { fr, de, keys } = twoNodes();
  const body = requestSentBody();
  const sealedSample = fr.sealFor(body, ['DE']);
  const value = envelopeAround(sealedSample);
  const frSigning = fr.signer;
  const signature = frSigning.signMessage(value, sealedSample);
  const frKey = (() => {
    const store = new TrustStore();
    store.replace({ version: 1, issuedAt: '', authorities: [], nodes: [{ code: 'FR', status: 'active', signingKeys: [{ ...toPublicJwk(keys.FR.signing), status: 'active' }], encryptionKeys: [] }] });
    return store.signer(readDetachedHeader(signature).kid).key;
  })();

  const operations: Record<string, number> = {};
  operations.eddsaSignDetached = opsPerSecond(() => frSigning.signMessage(value, sealedSample));
  operations.eddsaVerifyDetached = opsPerSecond(() => verifyMessage(signature, value, frKey));
  operations.sealPairwiseKek = opsPerSecond(() => fr.sealFor(body, ['DE']));
  operations.openPairwiseKek = opsPerSecond(() => de.openFrom(sealedSample, 'FR'));
  const shipped = opsPerSecond(() => {
    const sealed = fr.sealFor(body, ['DE']);
    const jws = frSigning.signMessage(value, sealedSample);
    verifyMessage(jws, value, frKey); // hub
    verifyMessage(jws, value, frKey); // recipient
    de.openFrom(sealed, 'FR');
  });

  // ES256 for comparison with EdDSA (node:crypto, same value).
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const es256Sig = sign('sha256', value, { key: ec.privateKey, dsaEncoding: 'ieee-p1363' });
  operations.es256Sign = opsPerSecond(() => sign('sha256', value, { key: ec.privateKey, dsaEncoding: 'ieee-p1363' }));
  operations.es256Verify = opsPerSecond(() => verify('sha256', value, { key: ec.publicKey, dsaEncoding: 'ieee-p1363' }, es256Sig));

  // Per-message key agreement through jose: a fresh ephemeral X25519 agreement for every body.
  const deEnc = keys.DE.encryption[0];
  const dePublic = await importJWK(toPublicJwk(deEnc) as never, 'ECDH-ES+A256KW');
  const dePrivate = await importJWK(deEnc as never, 'ECDH-ES+A256KW');
  const frSignKey = await importJWK(keys.FR.signing as never, 'EdDSA');
  const frVerifyKey = await importJWK(toPublicJwk(keys.FR.signing) as never, 'EdDSA');
  const joseSeal = () => new GeneralEncrypt(body).setProtectedHeader({ enc: 'A256GCM' }).addRecipient(dePublic).setUnprotectedHeader({ alg: 'ECDH-ES+A256KW', kid: deEnc.kid }).encrypt();
  const joseSealed = await joseSeal();
  const joseSign = () => new FlattenedSign(value).setProtectedHeader({ alg: 'EdDSA', b64: false, crit: ['b64'] }).sign(frSignKey);
  const joseSigned = await joseSign();
  operations.joseEcdhEsSeal = await opsPerSecondAsync(joseSeal);
  operations.joseEcdhEsOpen = await opsPerSecondAsync(() => generalDecrypt(joseSealed, dePrivate));
  operations.joseEddsaSign = await opsPerSecondAsync(joseSign);
  operations.joseEddsaVerify = await opsPerSecondAsync(() => flattenedVerify({ ...joseSigned, payload: value }, frVerifyKey));
  const perMessage = await opsPerSecondAsync(async () => {
    const sealed = await joseSeal();
    const jws = await joseSign();
    await flattenedVerify({ ...jws, payload: value }, frVerifyKey);
    await flattenedVerify({ ...jws, payload: value }, frVerifyKey);
    await generalDecrypt(sealed, dePrivate);
  });

  return {
    bodyBytes: body.length,
    valueBytes: value.length,
    shippedExchangesPerSecond: Math.round(shipped),
    perMessageEcdhExchangesPerSecond: Math.round(perMessage),
    operations: Object.fromEntries(Object.entries(operations).map(([k, v]) => [k, round(v, 0)])),
  };
}

