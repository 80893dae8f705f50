import { generalDecrypt, GeneralEncrypt } from 'jose';

import { generateEncryptionKey, privateKeyObject, publicKeyObject, toPublicJwk } from './keys';
import { derivePairwiseKek, open, pairwiseInfo, parseSealed, seal } from './sealing';

function party(node: string) {
  const jwk = generateEncryptionKey(node, 1);
  return { node, kid: jwk.kid, privateKey: privateKeyObject(jwk), publicKey: publicKeyObject(toPublicJwk(jwk)) };
}

describe('pairwise key-wrapping keys', () => {
  const fr = party('FR');
  const de = party('DE');
  const es = party('ES');

  it('both sides derive the same key', () => {
    expect(derivePairwiseKek(fr, de)).toEqual(derivePairwiseKek(de, fr));
  });

  it('differs for every other pair', () => {
    expect(derivePairwiseKek(fr, de)).not.toEqual(derivePairwiseKek(fr, es));
  });

  it('is bound to both node ids and key ids', () => {
    const sameKeysOtherNames = derivePairwiseKek({ ...fr, node: 'XX' }, de);
    expect(sameKeysOtherNames).not.toEqual(derivePairwiseKek(fr, de));
    expect(pairwiseInfo(fr, de)).toEqual(pairwiseInfo(de, fr));
  });
});

describe('sealing a body', () => {
  const fr = party('FR');
  const de = party('DE');
  const es = party('ES');
  const plaintext = Buffer.from('Dr Marie Curie, born 1867-11-07, register 12345');

  it('opens for each recipient and hides the plaintext', () => {
    const sealed = seal(plaintext, fr.kid, [
      { kid: de.kid, kek: derivePairwiseKek(fr, de) },
      { kid: es.kid, kek: derivePairwiseKek(fr, es) },
    ]);
    expect(sealed.includes(Buffer.from('Curie'))).toBe(false);
    const { jwe, header } = parseSealed(sealed);
    expect(header.skid).toBe(fr.kid);
    expect(open(jwe, de.kid, derivePairwiseKek(de, fr))).toEqual(plaintext);
    expect(open(jwe, es.kid, derivePairwiseKek(es, fr))).toEqual(plaintext);
  });

  it('cannot be opened by a node it was not sealed for', () => {
    const outsider = party('ES');
    const { jwe } = parseSealed(seal(plaintext, fr.kid, [{ kid: de.kid, kek: derivePairwiseKek(fr, de) }]));
    expect(() => open(jwe, outsider.kid, derivePairwiseKek(outsider, fr))).toThrow(/not sealed for this node/);
    // Even claiming the addressee's kid, the outsider's pairwise key does not unwrap.
    expect(() => open(jwe, de.kid, derivePairwiseKek(outsider, fr))).toThrow(/cannot be opened/);
  });

  it('detects a changed ciphertext or header', () => {
    const { jwe } = parseSealed(seal(plaintext, fr.kid, [{ kid: de.kid, kek: derivePairwiseKek(fr, de) }]));
    const ciphertext = Buffer.from(jwe.ciphertext, 'base64url');
    ciphertext[0] ^= 1;
    expect(() => open({ ...jwe, ciphertext: ciphertext.toString('base64url') }, de.kid, derivePairwiseKek(de, fr))).toThrow();
    const otherHeader = Buffer.from(JSON.stringify({ enc: 'A256GCM', skid: 'someone-else' })).toString('base64url');
    expect(() => open({ ...jwe, protected: otherHeader }, de.kid, derivePairwiseKek(de, fr))).toThrow();
  });

  it.each([['not json'], ['{}'], ['{"protected":"x","recipients":[],"iv":"a","ciphertext":"b","tag":"c"}']])(
    'rejects the malformed body %p',
    (text) => {
      expect(() => parseSealed(Buffer.from(text))).toThrow(expect.objectContaining({ code: 'undecryptable' }));
    },
  );

  it('is opened by jose with the pairwise key (cross-check)', async () => {
    const sealed = JSON.parse(seal(plaintext, fr.kid, [{ kid: de.kid, kek: derivePairwiseKek(fr, de) }]).toString());
    const { plaintext: opened } = await generalDecrypt(sealed, derivePairwiseKek(de, fr));
    expect(Buffer.from(opened)).toEqual(plaintext);
  });

  it('opens what jose seals with A256KW + A256GCM (cross-check)', async () => {
    const kek = derivePairwiseKek(fr, de);
    const jwe = await new GeneralEncrypt(plaintext)
      .setProtectedHeader({ enc: 'A256GCM', skid: fr.kid })
      .addRecipient(kek)
      .setUnprotectedHeader({ alg: 'A256KW', kid: de.kid })
      .encrypt();
    const { jwe: parsed } = parseSealed(Buffer.from(JSON.stringify(jwe)));
    expect(open(parsed, de.kid, derivePairwiseKek(de, fr))).toEqual(plaintext);
  });

  it('uses a fresh content key per message', () => {
    const recipients = [{ kid: de.kid, kek: derivePairwiseKek(fr, de) }];
    const a = parseSealed(seal(plaintext, fr.kid, recipients)).jwe;
    const b = parseSealed(seal(plaintext, fr.kid, recipients)).jwe;
    expect(a.recipients[0].encrypted_key).not.toEqual(b.recipients[0].encrypted_key);
    expect(a.iv).not.toEqual(b.iv);
  });
});
