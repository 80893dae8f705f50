import { CompactSign, compactVerify } from 'jose';
import { KeyObject } from 'node:crypto';
import { PrivateJwk, privateKeyObject } from './keys';

/** Media type of the signed reports a node hands out (proof of exchange, access report). */
export const REPORT_TYP = 'imi-report+jws';

/**
 * Signs a report as a standard compact JWS (EdDSA, the node's signing key, its kid): the
 * payload is the report's JSON, so anyone with the node's public key from the hub's trust
 * list can check it with any JOSE library, long after the exchange.
 */
export async function signReport(jwk: PrivateJwk, report: unknown): Promise<string> {
  return new CompactSign(Buffer.from(JSON.stringify(report), 'utf8'))
    .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid, typ: REPORT_TYP })
    .sign(privateKeyObject(jwk));
}

/** Checks a signed report and returns what it says and who signed it (the kid). */
export async function verifyReport(jws: string, key: KeyObject): Promise<{ kid: string; report: unknown }> {
  const { payload, protectedHeader } = await compactVerify(jws, key, { algorithms: ['EdDSA'] });
  if (protectedHeader.typ !== REPORT_TYP) throw new Error(`not a report: typ ${protectedHeader.typ}`);
  return { kid: protectedHeader.kid!, report: JSON.parse(Buffer.from(payload).toString('utf8')) };
}
