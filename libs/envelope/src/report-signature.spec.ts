import { generateSigningKey, publicKeyObject, toPublicJwk } from './keys';
import { signReport, verifyReport } from './report-signature';

describe('signed reports', () => {
  const key = generateSigningKey('FR');
  const report = { kind: 'proof-of-exchange', exchange: { id: 'a' }, messages: [{ type: 'request.sent' }] };

  it('round-trips with the public key and names the signing key', async () => {
    const jws = await signReport(key, report);
    expect(await verifyReport(jws, publicKeyObject(toPublicJwk(key)))).toEqual({ kid: key.kid, report });
  });

  it("refuses a changed report and another node's key", async () => {
    const jws = await signReport(key, report);
    const [header, , signature] = jws.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...report, messages: [] })).toString('base64url')}.${signature}`;
    await expect(verifyReport(forged, publicKeyObject(toPublicJwk(key)))).rejects.toThrow();
    await expect(verifyReport(jws, publicKeyObject(toPublicJwk(generateSigningKey('DE'))))).rejects.toThrow();
  });
});
