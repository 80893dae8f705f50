#!/usr/bin/env node
// The guidelines' first example against the network `npm start` runs: the French order of
// doctors (FR-CNOM) asks the Berlin medical chamber (DE-BE-AEK) to confirm a diploma. Then an
// alert: Berlin tells every other member state that a doctor is barred from practice.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Secret, TOTP } from 'otpauth';

const FR = 'http://127.0.0.1:3002';
const DE = 'http://127.0.0.1:3001';
const users = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '.keys', 'demo-users.json'), 'utf8'));
const tokens = new Map();

/** Signs in as the authority's demo user: password and the current one-time code. */
async function session(base, authority) {
  if (tokens.has(authority)) return tokens.get(authority);
  const { email, password, totpSecret } = users[authority];
  const totp = new TOTP({ secret: Secret.fromBase32(totpSecret), algorithm: 'SHA1', digits: 6, period: 30 });
  // A code is good once: a second run inside the same 30 s uses the next one.
  for (const timestamp of [Date.now(), Date.now() + 30_000]) {
    const response = await fetch(`${base}/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password, code: totp.generate({ timestamp }) }) });
    if (response.ok) {
      const { token } = await response.json();
      tokens.set(authority, token);
      return token;
    }
  }
  throw new Error(`sign-in as ${email} failed`);
}

async function send(base, authority, method, path, body, language = 'en') {
  return fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', 'accept-language': language, authorization: `Bearer ${await session(base, authority)}` },
    body: body && JSON.stringify(body),
  });
}

async function call(base, authority, method, path, body) {
  const response = await send(base, authority, method, path, body);
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function until(check, what) {
  for (let i = 0; i < 100; i++) {
    const result = await check();
    if (result) return result;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const step = (text) => console.log(`\n→ ${text}`);

step('FR-CNOM sends an information request to DE-BE-AEK (the person stays on the FR node)');
const request = await call(FR, 'FR-CNOM', 'POST', '/requests', {
  addresseeAuthorityId: 'DE-BE-AEK',
  legislativeArea: 'professional-qualifications',
  replyBy: new Date(Date.now() + 14 * 86400000).toISOString(),
  questions: [{ questionId: 'pq.diploma.authentic' }, { questionId: 'pq.free-text', freeText: 'Does the diploma include specialist training?' }],
  subject: { familyName: 'Beispiel', givenNames: 'Jean', dateOfBirth: '1980-01-01', registerNumber: 'RPPS-0000000000' },
});
console.log(`  request ${request.id}: ${request.state}`);

step('DE-BE-AEK sees it, without the person');
const incoming = await until(async () => (await send(DE, 'DE-BE-AEK', 'GET', `/requests/${request.id}`)).ok && call(DE, 'DE-BE-AEK', 'GET', `/requests/${request.id}`), 'the request on DE');
console.log(`  state ${incoming.state}, subject: ${incoming.subject ? 'present' : 'not disclosed'}`);

step('DE-BE-AEK accepts; FR then sends the person, sealed for DE');
await call(DE, 'DE-BE-AEK', 'POST', `/requests/${request.id}/accept`);
const disclosed = await until(async () => (await call(DE, 'DE-BE-AEK', 'GET', `/requests/${request.id}`)).subject, 'the disclosure');
console.log(`  DE now sees: ${disclosed.givenNames} ${disclosed.familyName}`);

step('DE-BE-AEK answers; FR-CNOM closes');
await call(DE, 'DE-BE-AEK', 'POST', `/requests/${request.id}/answer`, { final: true, answers: [{ questionId: 'pq.diploma.authentic', answer: 'yes' }, { questionId: 'pq.free-text', answer: 'Yes.' }] });
await until(async () => (await call(FR, 'FR-CNOM', 'GET', `/requests/${request.id}`)).state === 'answered', 'the answer on FR');
await call(FR, 'FR-CNOM', 'POST', `/requests/${request.id}/close`);
const closed = await until(async () => { const r = await call(DE, 'DE-BE-AEK', 'GET', `/requests/${request.id}`); return r.state === 'closed' && r; }, 'closure on DE');
console.log(`  closed on both nodes at ${closed.closedAt}`);

const ES = 'http://127.0.0.1:3003';
step('DE-BE-AEK sends a professional-qualifications alert to every other member state');
const alert = await call(DE, 'DE-BE-AEK', 'POST', '/alerts', {
  kind: 'professional-qualifications-alert',
  recipients: { allMemberStates: true },
  content: {
    person: { familyName: 'Beispiel', givenNames: 'Max', dateOfBirth: '1975-05-05' },
    profession: 'Medical doctor', decidingAuthority: 'Berufsgericht für Heilberufe Berlin', scope: 'prohibition',
    periodFrom: new Date().toISOString().slice(0, 10), decisionDate: new Date().toISOString().slice(0, 10),
  },
});
console.log(`  alert ${alert.id} to ${alert.recipients.map((r) => r.authorityId).join(', ')}`);
await until(async () => (await send(ES, 'ES-CNIMI', 'GET', `/alerts/${alert.id}`)).ok, 'the alert on ES');
await call(ES, 'ES-CNIMI', 'POST', `/alerts/${alert.id}/acknowledge`);
const tracked = await until(async () => {
  const r = await call(DE, 'DE-BE-AEK', 'GET', `/alerts/${alert.id}`);
  return r.recipients.every((x) => x.deliveredAt) && r.recipients.some((x) => x.acknowledgedAt) && r;
}, 'receipts on DE');
for (const r of tracked.recipients) console.log(`  ${r.authorityId}: delivered ${r.deliveredAt}, acknowledged ${r.acknowledgedAt ?? '—'}`);

step('FR-CNOM looks the Berlin chamber up in the directory, in French');
const found = await (await send(FR, 'FR-CNOM', 'GET', `/directory?q=${encodeURIComponent('ordre des médecins berlin')}`, undefined, 'fr')).json();
for (const entry of found.slice(0, 3)) console.log(`  ${entry.id} (${entry.node}): ${entry.name}`);
