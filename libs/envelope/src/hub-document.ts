import { CompactSign, compactVerify, importJWK } from 'jose';
import { KeyError } from './errors';
import { PrivateJwk, PublicJwk } from './keys';

/**
 * Documents the hub broadcasts to every node (trust list, question catalogue): JSON in a
 * compact JWS signed with the hub key. `typ` says which document it is, so one can never be
 * taken for another.
 */
export async function signHubDocument(document: unknown, typ: string, hubKey: PrivateJwk): Promise<string> {
  const key = await importJWK(hubKey, 'EdDSA');
  return new CompactSign(Buffer.from(JSON.stringify(document), 'utf8')).setProtectedHeader({ alg: 'EdDSA', kid: hubKey.kid, typ }).sign(key);
}

/** Verifies a broadcast document against the hub's public key, which nodes get out of band. */
export async function verifyHubDocument(jws: string, typ: string, hubPublicKey: PublicJwk): Promise<unknown> {
  const key = await importJWK(hubPublicKey, 'EdDSA');
  try {
    const { payload, protectedHeader } = await compactVerify(jws, key, { algorithms: ['EdDSA'] });
    if (protectedHeader.typ !== typ || protectedHeader.kid !== hubPublicKey.kid) throw new KeyError(`not a ${typ} of this hub`);
    return JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch (error) {
    if (error instanceof KeyError) throw error;
    throw new KeyError(`${typ} signature is not valid: ${(error as Error).message}`);
  }
}

/** `typ` of the question catalogue the hub broadcasts. */
export const CATALOGUE_TYPE = 'imi-question-catalogue+jws';

/** `typ` of a member state's part of the directory the hub broadcasts. */
export const DIRECTORY_TYPE = 'imi-directory+jws';

/** `typ` of the hub's statement of the latest audit checkpoint it witnessed for a node. */
export const AUDIT_CHECKPOINT_TYPE = 'imi-audit-checkpoint+jws';
