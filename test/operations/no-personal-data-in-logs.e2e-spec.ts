import { randomBytes } from 'node:crypto';
import { HEADERS } from '@imi/envelope';
import { createKafka, idempotentProducer, topicNames } from '@imi/messaging';
import { inboxCounts } from '../flows/forge';
import { eventually } from '../flows/http';
import { kafkaCredentials, stackEndpoints } from '../stack/endpoints';
import { AUTHORITY, ProcessNetwork } from './process-network';

/**
 * An information request with marker values in every personal field (names, birth date,
 * register number, free texts, an answer) goes FR → hub → DE and back, then a notification
 * with a free-text subject and text, with the hub and both nodes logging at debug level. Every line any of them wrote is a JSON object, the lines about
 * messages carry their ids, the exchange and the trace, and no marker appears in any line.
 * Meanwhile a flood of unsigned records in DE's inbox is logged as a summary, not a line each.
 */
describe('no personal data in the logs', () => {
  let network: ProcessNetwork;
  const tag = randomBytes(4).toString('hex');
  const markers = {
    familyName: `Zqfamily${tag}`,
    givenNames: `Zqgiven${tag}`,
    dateOfBirth: '1913-07-29',
    registerNumber: `ZQREG-${tag}`,
    freeText: `Zqquestion ${tag} about the diploma`,
    answer: `Zqanswer ${tag} completed`,
    refused: `Zqrefused${tag}`,
    notificationSubject: `Zqsubject${tag}`,
    notificationText: `Zqtext ${tag} of a notification`,
  };

  beforeAll(async () => {
    network = await ProcessNetwork.start({ LOG_LEVEL: 'debug' });
  });

  afterAll(async () => {
    await network?.stop();
  });

  it('logs JSON lines with ids and trace ids, and none of the marker values', async () => {
    const started = Date.now();
    const fr = await network.caseHandler('FR');
    const de = await network.caseHandler('DE');
    // Refused at the door (an unknown field): the refusal must not echo the values either.
    const refused = await fr.post('/requests', { addresseeAuthorityId: AUTHORITY.DE, subject: { familyName: markers.refused, shoeSize: markers.refused } });
    expect(refused.status).toBe(400);

    const created = await fr.post('/requests', {
      addresseeAuthorityId: AUTHORITY.DE,
      legislativeArea: 'professional-qualifications',
      replyBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }, { questionId: 'pq.free-text', freeText: markers.freeText }],
      subject: { familyName: markers.familyName, givenNames: markers.givenNames, dateOfBirth: markers.dateOfBirth, registerNumber: markers.registerNumber },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    await eventually(async () => expect((await de.get(`/requests/${id}`)).status).toBe(200), 60_000);
    expect((await de.post(`/requests/${id}/accept`)).body.state).toBe('accepted');
    // DE receives the person once it accepted (sealed, in a message of its own).
    await eventually(async () => expect((await de.get(`/requests/${id}`)).body.subject?.familyName).toBe(markers.familyName), 60_000);
    const answered = await de.post(`/requests/${id}/answer`, {
      final: true,
      answers: [{ questionId: 'pq.diploma.authentic', answer: 'yes' }, { questionId: 'pq.free-text', answer: markers.answer }],
    });
    expect(answered.body.state).toBe('answered');
    await eventually(async () => expect((await fr.get(`/requests/${id}`)).body.state).toBe('answered'), 60_000);
    // A notification (the alert mechanism's one-to-one form) with free texts, acknowledged by its addressee.
    const notification = await fr.post('/alerts', {
      kind: 'notification', legislativeArea: 'professional-qualifications', recipients: { authorityIds: [AUTHORITY.DE] },
      content: { subject: markers.notificationSubject, text: markers.notificationText },
    });
    expect(notification.status).toBe(201);
    await eventually(async () => expect((await de.get(`/alerts/${notification.body.id}`)).body?.versions?.[0]?.content?.text).toBe(markers.notificationText), 60_000);
    expect((await de.post(`/alerts/${notification.body.id}/acknowledge`)).status).toBeLessThan(300);
    // Every receipt back at its sender: the last messages of the exchange have been routed and applied.
    for (const code of ['FR', 'DE'] as const) {
      await eventually(async () => expect(await network.nodes[code].db.query('SELECT message_id FROM deliveries WHERE acknowledged_at IS NULL')).toEqual([]), 60_000);
    }
    // A flood of records nobody signed, carrying a marker, written into DE's inbox as only the hub may.
    const flood = 300;
    const ignoredBefore = (await inboxCounts(network.nodes.DE.process.url)).ignored;
    const kafka = createKafka(stackEndpoints().kafkaBrokers, 'operations-flood', kafkaCredentials('hub'));
    const producer = idempotentProducer(kafka);
    await producer.connect();
    try {
      const messages = Array.from({ length: flood }, (_, i) => ({ key: `flood-${i}`, value: Buffer.from(`${markers.familyName} ${randomBytes(16).toString('hex')}`), headers: { [HEADERS.signature]: `forged.${markers.givenNames}.${i}` } }));
      await producer.send({ topic: topicNames(network.prefix).inbox('DE'), messages });
    } finally {
      await producer.disconnect();
    }
    await eventually(async () => expect((await inboxCounts(network.nodes.DE.process.url)).ignored).toBe(ignoredBefore + flood), 60_000);
    await network.stop();

    const notJson: string[] = [];
    const parsed = network.processes.flatMap((p) => p.lines.map((line) => {
      try {
        const value = JSON.parse(line);
        if (typeof value !== 'object' || value === null || typeof value.level !== 'string' || typeof value.msg !== 'string') notJson.push(`${p.name}: ${line}`);
        return { process: p.name, line, value };
      } catch {
        notJson.push(`${p.name}: ${line}`);
        return { process: p.name, line, value: null };
      }
    }));
    expect(notJson).toEqual([]);
    const leaks = parsed.filter(({ line }) => Object.values(markers).some((marker) => line.toLowerCase().includes(marker.toLowerCase())));
    expect(leaks.map(({ process, line }) => `${process}: ${line}`)).toEqual([]);

    // The lines about this exchange's messages: at the hub as routed, at each node as applied.
    const about = (name: string, msg: string) => parsed.filter((p) => p.process === name && p.value?.msg === msg && p.value.caseId === id).map((p) => p.value);
    const routed = about('hub', 'message routed');
    expect(routed.map((l) => l.type)).toEqual(expect.arrayContaining(['request.sent', 'request.accepted', 'request.answered']));
    const appliedAtDe = about('node DE', 'message applied');
    const appliedAtFr = about('node FR', 'message applied');
    for (const line of [...routed, ...appliedAtDe, ...appliedAtFr]) {
      expect(line).toEqual(expect.objectContaining({ messageId: expect.any(String), caseId: id, traceId: expect.stringMatching(/^[0-9a-f]{32}$/), node: expect.any(String) }));
    }
    expect(appliedAtDe[0].node).toBe('DE');
    expect(routed[0].node).toBe('HUB');
    // One message keeps its trace id from the hub to the recipient.
    const sent = routed.find((l) => l.type === 'request.sent');
    expect(appliedAtDe.find((l) => l.messageId === sent.messageId)?.traceId).toBe(sent.traceId);
    // The flood: every record counted in a few summary lines (the first at once, then one per 10 s window, the rest at shutdown).
    const refusals = parsed.filter((p) => p.process === 'node DE' && /unauthenticated messages? ignored/.test(p.value?.msg ?? '')).map((p) => p.value);
    expect(refusals.reduce((sum, l) => sum + l.messages, 0)).toBe(ignoredBefore + flood);
    expect(refusals.length).toBeLessThanOrEqual(1 + Math.ceil((Date.now() - started) / 10_000) + 1);
    expect(Object.keys(refusals.reduce((codes, l) => ({ ...codes, ...l.codes }), {}))).not.toHaveLength(0);
    process.stdout.write(`no personal data in the logs: ${parsed.length} lines checked (hub ${network.hub.lines.length}, FR ${network.nodes.FR.process.lines.length}, DE ${network.nodes.DE.process.lines.length})\n`);
  });
});
