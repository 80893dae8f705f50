import { randomBytes } from 'node:crypto';
import { eventually } from '../flows/http';
import { OtlpReceiver, ReceivedSpan } from './otlp-receiver';
import { AUTHORITY, ProcessNetwork } from './process-network';

/**
 * One information request is one trace across three processes: the REST call at FR (its caller's
 * traceparent honoured), the message FR puts in its outbox, the hub routing it, DE applying it,
 * and DE's receipt back the same way; each process exports its spans over OTLP/HTTP to a
 * collector of the test's own, linked by trace id and parent span ids.
 */
describe('traces across the network', () => {
  let network: ProcessNetwork;
  let collector: OtlpReceiver;

  beforeAll(async () => {
    collector = await OtlpReceiver.start();
    network = await ProcessNetwork.start({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_BSP_SCHEDULE_DELAY: '200' });
  });

  afterAll(async () => {
    await network?.stop();
    await collector?.stop();
  });

  const request = (questions = [{ questionId: 'pq.diploma.authentic' }]) => ({
    addresseeAuthorityId: AUTHORITY.DE,
    legislativeArea: 'professional-qualifications',
    replyBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    questions,
    subject: { familyName: 'Testperson-Trace', givenNames: 'Otto', dateOfBirth: '1975-05-05' },
  });

  it('follows one request from the REST call at FR through the hub to DE and its receipt back, as one trace', async () => {
    const fr = await network.caseHandler('FR');
    const de = await network.caseHandler('DE');
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const created = await fr.post('/requests', request(), { traceparent: `00-${traceId}-${callerSpanId}-01` });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    await eventually(async () => expect((await de.get(`/requests/${id}`)).status).toBe(200), 60_000);

    const one = (spans: ReceivedSpan[], service: string, name: string, parent: ReceivedSpan | string) => {
      const parentId = typeof parent === 'string' ? parent : parent.spanId;
      const found = spans.filter((s) => s.service === service && s.name === name && s.parentSpanId === parentId);
      expect(found).toHaveLength(1);
      return found[0];
    };
    // Every leg, the receipt's included, has reached the collector (spans are batched every 200 ms).
    const spans = await eventually(async () => {
      const spans = collector.trace(traceId);
      expect(spans.filter((s) => s.name === 'inbox.apply').map((s) => s.service).sort()).toEqual(['imi-node-DE', 'imi-node-FR']);
      // The call, and two messages each sent, routed and applied; each process exports on its own schedule.
      expect(spans.length).toBeGreaterThanOrEqual(7);
      return spans;
    }, 60_000);

    const call = one(spans, 'imi-node-FR', 'POST /requests', callerSpanId);
    expect(call.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/requests', 'http.response.status_code': 201 });
    const sent = one(spans, 'imi-node-FR', 'message.send', call);
    expect(sent.attributes).toMatchObject({ 'imi.message.type': 'request.sent', 'imi.case.id': id, 'imi.sender.node': 'FR', 'imi.recipient.nodes': ['DE'] });
    const routed = one(spans, 'imi-hub', 'hub.route', sent);
    expect(routed.attributes).toMatchObject({ 'messaging.message.id': sent.attributes['messaging.message.id'], 'imi.route.outcome': 'route' });
    const applied = one(spans, 'imi-node-DE', 'inbox.apply', routed);
    expect(applied.attributes).toMatchObject({ 'messaging.message.id': sent.attributes['messaging.message.id'], 'imi.inbox.result': 'applied' });
    // DE's receipt continues the trace: sent while applying, routed, applied at FR.
    const receipt = one(spans, 'imi-node-DE', 'message.send', applied);
    expect(receipt.attributes).toMatchObject({ 'imi.message.type': 'message.received', 'imi.recipient.nodes': ['FR'] });
    const receiptRouted = one(spans, 'imi-hub', 'hub.route', receipt);
    one(spans, 'imi-node-FR', 'inbox.apply', receiptRouted);

    // Metadata only: no attribute holds the person.
    expect(JSON.stringify(spans)).not.toMatch(/Testperson-Trace|Otto|1975-05-05/);
  });

  it('starts a trace of its own for a call without a traceparent, or with a malformed one', async () => {
    const fr = await network.caseHandler('FR');
    const de = await network.caseHandler('DE');
    const callerHeaders: Record<string, string>[] = [{}, { traceparent: '00-not-a-trace-01' }, { traceparent: `00-${'0'.repeat(32)}-${'1'.repeat(16)}-01` }];
    for (const headers of callerHeaders) {
      const created = await fr.post('/requests', request(), headers);
      expect(created.status).toBe(201);
      const id: string = created.body.id;
      await eventually(async () => expect((await de.get(`/requests/${id}`)).status).toBe(200), 60_000);
      // Each process exports its spans in batches, in the order they ended: the call ends after the message it sent.
      const { sent, call } = await eventually(async () => {
        const found = collector.spans.filter((s) => s.name === 'message.send' && s.attributes['imi.case.id'] === id && s.attributes['imi.message.type'] === 'request.sent');
        expect(found).toHaveLength(1);
        const parent = collector.trace(found[0].traceId).find((s) => s.spanId === found[0].parentSpanId);
        expect(parent).toBeDefined();
        return { sent: found[0], call: parent };
      });
      // The REST call is the trace's root: nothing the caller sent became its parent.
      expect(call).toMatchObject({ service: 'imi-node-FR', name: 'POST /requests', parentSpanId: null });
      await eventually(async () => expect(collector.trace(sent.traceId).some((s) => s.service === 'imi-node-DE' && s.name === 'inbox.apply')).toBe(true));
    }
  });
});
