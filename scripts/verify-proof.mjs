#!/usr/bin/env node
// Independent verifier of a node's proof-of-exchange report. It uses nothing of this project's
// code: only jose (a standard JOSE library) and node:crypto, so what it accepts is what the
// published formats say, not what the node's own code believes.
//
//   node scripts/verify-proof.mjs --report report.json --trust-list trust-list.jws --hub-key hub-public.json
//
// report.json     the node's answer to GET /requests/:id/proof-of-exchange (or /alerts/…): { report, jws }
// trust-list.jws  the hub's signed trust list (GET /trust-list on the hub)
// hub-key         the hub's public key set, obtained out of band ({ signing: JWK } or the JWK itself)
//
// Checks: the trust list against the hub key; the report's signature against its node's key;
// every message's sender signature and hub countersignature. Protocol 2 signatures (header
// "imi": 2) cover the manifest (the envelope with the body's SHA-256 in place of the body),
// so they check whether or not the body is still held; where the value is given, its body
// must hash to the manifest's last 32 bytes. Prints JSON; exits 1 if anything fails to check.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { compactVerify, flattenedVerify, importJWK } from 'jose';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
for (const name of ['report', 'trust-list', 'hub-key']) {
  if (!args[name]) {
    console.error('usage: verify-proof.mjs --report report.json --trust-list trust-list.jws --hub-key hub-public.json');
    process.exit(2);
  }
}

const hubKeyFile = JSON.parse(readFileSync(args['hub-key'], 'utf8'));
const hubJwk = hubKeyFile.signing ?? hubKeyFile;
const hubKey = await importJWK(hubJwk, 'EdDSA');

const trustListJws = readFileSync(args['trust-list'], 'utf8').trim();
const { payload: listBytes, protectedHeader: listHeader } = await compactVerify(trustListJws, hubKey, { algorithms: ['EdDSA'] });
if (listHeader.typ !== 'imi-trust-list+jws') fail('the trust list is not a trust list');
const trustList = JSON.parse(Buffer.from(listBytes).toString('utf8'));
const signingKeys = new Map();
for (const node of trustList.nodes) for (const jwk of node.signingKeys) signingKeys.set(jwk.kid, { node: node.code, jwk });
signingKeys.set(hubJwk.kid, { node: 'HUB', jwk: hubJwk });

const { report, jws } = JSON.parse(readFileSync(args.report, 'utf8'));
const result = { report: await checkReport(report, jws), messages: [] };
for (const message of report.messages) result.messages.push(await checkMessage(message, report.node));
result.ok = result.report === 'valid' && result.messages.every((m) => m.sender !== 'invalid' && m.hub !== 'invalid' && m.body !== 'does not match the manifest');
console.log(JSON.stringify(result, null, 2));
process.exit(result.ok ? 0 : 1);

async function checkReport(claimed, compact) {
  const kid = header(compact).kid;
  const signer = signingKeys.get(kid);
  if (!signer || signer.node !== claimed.node) return `invalid: key ${kid} is not a key of node ${claimed.node}`;
  try {
    const { payload } = await compactVerify(compact, await importJWK(signer.jwk, 'EdDSA'), { algorithms: ['EdDSA'] });
    return canonical(JSON.parse(Buffer.from(payload).toString('utf8'))) === canonical(claimed) ? 'valid' : 'invalid: the report differs from what was signed';
  } catch (error) {
    return `invalid: ${error.message}`;
  }
}

async function checkMessage(m, reportingNode) {
  const value = m.value ? Buffer.from(m.value, 'base64') : null;
  const manifest = m.manifest ? Buffer.from(m.manifest, 'base64') : null;
  const out = { messageId: m.messageId, type: m.type, direction: m.direction, protocol: m.protocol };
  out.sender = await checkSignature(m.senderSignature, value, manifest, m.direction === 'sent' ? reportingNode : m.senderNode);
  out.hub = m.hubSignature ? await checkSignature(m.hubSignature, value, manifest, 'HUB') : 'none';
  if (value && manifest) {
    const bodyLength = [m.senderSignature, m.hubSignature].filter(Boolean).map(header).find((h) => h.imi === 2)?.bodyLength;
    out.body = bodyLength !== undefined && matchesManifest(value, bodyLength, manifest) ? 'held, matches the manifest' : 'does not match the manifest';
  } else {
    out.body = value ? 'held' : `erased${m.bodyErased ? ` at ${m.bodyErased.at} (${m.bodyErased.reason}${m.bodyErased.decision ? `, decision ${m.bodyErased.decision}` : ''})` : ''}`;
  }
  return out;
}

async function checkSignature(compact, value, manifest, expectedNode) {
  if (!compact) return 'none';
  const h = header(compact);
  const signer = signingKeys.get(h.kid);
  if (!signer) return `unknown key ${h.kid}`;
  if (expectedNode && signer.node !== expectedNode) return 'invalid';
  const protocol2 = h.imi === 2;
  const payload = protocol2 ? manifest : value;
  if (!payload) return 'not checkable: protocol 1 and the value was erased';
  const [protectedHeader, , signature] = compact.split('.');
  try {
    await flattenedVerify({ protected: protectedHeader, payload, signature }, await importJWK(signer.jwk, 'EdDSA'), { algorithms: ['EdDSA'], crit: { imi: true } });
    return `valid (${signer.node}, over the ${protocol2 ? 'manifest' : 'whole value'})`;
  } catch {
    return 'invalid';
  }
}

/** The value is the manifest with the body in place of its digest: same envelope bytes, and the body hashes to the digest. */
function matchesManifest(value, bodyLength, manifest) {
  const length = avroLong(bodyLength);
  const prefix = value.subarray(0, value.length - bodyLength - length.length);
  const body = value.subarray(value.length - bodyLength);
  return Buffer.concat([prefix, avroLong(32), createHash('sha256').update(body).digest()]).equals(manifest)
    && value.subarray(prefix.length, prefix.length + length.length).equals(length);
}

function avroLong(n) {
  const bytes = [];
  let zigzag = n * 2;
  while (zigzag >= 0x80) {
    bytes.push((zigzag % 0x80) | 0x80);
    zigzag = Math.floor(zigzag / 0x80);
  }
  bytes.push(zigzag);
  return Buffer.from(bytes);
}

function header(compact) {
  return JSON.parse(Buffer.from(compact.split('.')[0], 'base64url').toString('utf8'));
}

/** JSON with sorted keys: the report as parsed here and as signed must say the same. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
