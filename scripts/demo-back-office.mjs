#!/usr/bin/env node
// The guidelines' first example between two member states' back-office systems, over AMQP
// only, against the network `npm start` runs: FR's register system (acting for FR-CNOM) sends
// a request; DE's system (DE-BE-AEK) hears of it without the person, accepts, receives the
// person, answers; FR's system receives the answer and closes. Each system uses amqplib and
// its own credentials (.keys/back-office-systems.json), nothing of the node's code.
import amqp from 'amqplib';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const systems = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '.keys', 'back-office-systems.json'), 'utf8'));

/** One national system: its command exchange, its reply and event queues on its node's vhost. */
async function system(code) {
  const { system: id, amqpUrl, authority } = systems[code];
  const connection = await amqp.connect(amqpUrl, { noDelay: true });
  const channel = await connection.createConfirmChannel();
  const replies = new Map();
  const events = [];
  const waiters = [];
  const settle = () => {
    for (const waiter of [...waiters]) {
      const found = waiter.find();
      if (found) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(found);
      }
    }
  };
  await channel.consume(`imi.system.${id}.replies`, (m) => { replies.set(m.properties.correlationId, JSON.parse(m.content.toString())); channel.ack(m); settle(); });
  await channel.consume(`imi.system.${id}.events`, (m) => { events.push({ key: m.fields.routingKey, body: JSON.parse(m.content.toString()) }); channel.ack(m); settle(); });
  const wait = (find, what) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${code}: no ${what} within 60 s`)), 60_000);
    waiters.push({ find, resolve: (v) => { clearTimeout(timer); resolve(v); } });
    settle();
  });
  return {
    authority,
    async send(operation, body) {
      const correlationId = randomUUID();
      channel.publish(`imi.system.${id}.commands`, '', Buffer.from(JSON.stringify(body)), {
        persistent: true, contentType: 'application/json', type: operation, messageId: randomUUID(), correlationId, replyTo: `imi.system.${id}.replies`,
      });
      await channel.waitForConfirms();
      const reply = await wait(() => replies.get(correlationId), `reply to ${operation}`);
      if (reply.status === 'refused') throw new Error(`${operation} refused: ${reply.problem.detail}`);
      return reply.result;
    },
    event: (name, requestId) => wait(() => events.find((e) => e.body.event === name && e.body.id === requestId), name),
    close: () => connection.close(),
  };
}

const started = Date.now();
const t = () => `${String(Date.now() - started).padStart(5)} ms`;
const fr = await system('FR');
const de = await system('DE');
try {
  const request = await fr.send('request.create', {
    addresseeAuthorityId: de.authority,
    legislativeArea: 'professional-qualifications',
    replyBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    questions: [{ questionId: 'pq.diploma.authentic' }],
    subject: { familyName: 'Lefèvre', givenNames: 'Amélie', dateOfBirth: '1979-03-14', registerNumber: 'RPPS-10003456789' },
  });
  console.log(`${t()}  FR system: request.create applied, request ${request.id} (${request.state})`);
  const received = await de.event('request.received', request.id);
  console.log(`${t()}  DE system: ${received.key}, questions ${received.body.content.questions.map((q) => q.questionId).join(', ')}; person: ${received.body.content.subject ? 'present' : 'not shown before acceptance'}`);
  await de.send('request.accept', { requestId: request.id });
  console.log(`${t()}  DE system: request.accept applied`);
  const disclosed = await de.event('request.person-disclosed', request.id);
  console.log(`${t()}  DE system: ${disclosed.key}: ${disclosed.body.content.subject.givenNames} ${disclosed.body.content.subject.familyName}, born ${disclosed.body.content.subject.dateOfBirth}`);
  await de.send('request.answer', { requestId: request.id, final: true, answers: [{ questionId: 'pq.diploma.authentic', answer: 'yes' }] });
  console.log(`${t()}  DE system: request.answer applied`);
  const answered = await fr.event('request.answered', request.id);
  console.log(`${t()}  FR system: ${answered.key}: ${answered.body.content.answers.map((a) => `${a.questionId} = ${a.answer}`).join(', ')}`);
  const closed = await fr.send('request.close', { requestId: request.id });
  console.log(`${t()}  FR system: request.close applied (${closed.state})`);
  await de.event('request.closed', request.id);
  console.log(`${t()}  DE system: request.closed`);
} finally {
  await fr.close();
  await de.close();
}
