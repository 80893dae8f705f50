import { Forge } from '../flows/forge';
import { actingFor, eventually } from '../flows/http';
import { TestNetwork, THREE_NODES } from '../flows/network';
import { freePort } from '../stack/free-port';
import type { NetworkStatusView } from '../../apps/hub/src/operations/network-status';
import { networkStatus } from '../../apps/hub/src/operations/status-command';

/**
 * The operator's view of the network (GET /operations/network and `hub:cli status`): requests
 * from FR to DE, one message the hub rejects from FR and one record no member state signed show
 * up per member state, with inbox lag, the trust list each node acknowledged and key epochs.
 */
describe('network status', () => {
  let network: TestNetwork;
  let forge: Forge;
  let hubUrl: string;
  const MARKER = 'Statusmarkerperson';

  beforeAll(async () => {
    // Audit checkpoints every second: they carry each node's trust list version to the hub.
    network = await TestNetwork.start(THREE_NODES, { auditCheckpointIntervalMs: 1000 });
    hubUrl = await network.listenHub();
    forge = await Forge.open(network);
  });

  afterAll(async () => {
    await forge?.close();
    await network?.close();
  });

  const view = async (): Promise<NetworkStatusView> => {
    const response = await fetch(`${hubUrl}/operations/network`);
    expect(response.status).toBe(200);
    return (await response.json()) as NetworkStatusView;
  };
  const state = (v: NetworkStatusView, node: string) => v.memberStates.find((s) => s.node === node)!;

  it('shows per member state the traffic, rejections, lag, trust list acknowledged and key epochs', async () => {
    const started = Date.now();
    const fr = actingFor(network.node('FR'), 'FR-CNOM');
    const de = actingFor(network.node('DE'), 'DE-BE-AEK');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const sent = await fr.post('/requests', {
        addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
        questions: [{ questionId: 'pq.diploma.authentic' }], subject: { familyName: `${MARKER}${i}`, givenNames: 'Status', dateOfBirth: '1980-01-01' },
      });
      expect(sent.status).toBe(201);
      ids.push(sent.body.id);
    }
    for (const id of ids) await eventually(async () => expect((await de.get(`/requests/${id}`)).status).toBe(200));
    // One message the hub rejects from FR (addressed to FR itself), and one nobody signed (a tampered value).
    await forge.send(forge.topics.ingress, forge.signed(forge.codec.encodeEnvelope(forge.requestSent({ recipientNodes: ['FR'], recipientAuthorities: [] }))));
    const tampered = forge.signed(forge.codec.encodeEnvelope(forge.requestSent()));
    tampered.value[tampered.value.length - 3] ^= 0x01;
    await forge.send(forge.topics.ingress, tampered);

    const final = await eventually(async () => {
      const v = await view();
      expect(state(v, 'FR').rejectionsLastHour).toEqual({ 'unknown-recipient': 1 });
      expect(v.unauthenticatedRejectionsLastHour).toEqual({ 'bad-signature': 1 });
      for (const node of ['FR', 'DE']) {
        expect(state(v, node).trustList.acknowledged).toBe(v.trustListVersion);
        // Read with the hub's admin client; audit checkpoints keep a receipt or two in flight, so not always 0.
        expect(state(v, node).inbox.lag).toEqual(expect.any(Number));
        expect(state(v, node).inbox.lag).toBeLessThan(20);
      }
      return v;
    }, 60_000);

    expect(final.trustListVersion).toBeGreaterThan(0);
    expect(final.memberStates.map((s) => s.node)).toEqual(['DE', 'ES', 'FR']);
    const [frState, deState, esState] = [state(final, 'FR'), state(final, 'DE'), state(final, 'ES')];
    expect(Date.parse(frState.lastMessageSent!.at)).toBeGreaterThanOrEqual(started - 1000);
    expect(Date.parse(deState.lastMessageReceived!)).toBeGreaterThanOrEqual(started - 1000);
    expect(deState.rejectionsLastHour).toEqual({});
    // ES took part in nothing: no message routed to it, none rejected.
    expect(esState.lastMessageReceived).toBeNull();
    expect(esState.rejectionsLastHour).toEqual({});
    for (const s of [frState, deState, esState]) {
      expect(s.status).toBe('active');
      expect(s.keyEpochs.current).toBe(1);
      expect(s.keyEpochs.epochs).toEqual([expect.objectContaining({ epoch: 1, status: 'active', notAfter: null })]);
      expect(s.signingKeys).toEqual({ active: 1, revoked: 0 });
    }
    // Metadata only: no name, no identifier of the exchanges.
    const text = JSON.stringify(final);
    expect(text).not.toContain(MARKER);
    for (const id of ids) expect(text).not.toContain(id);

    // hub:cli status prints the same, one aligned row per member state.
    const table = await networkStatus(hubUrl, false);
    const lines = table.split('\n');
    const header = lines.find((l) => l.startsWith('NODE'))!;
    const row = (node: string) => lines.find((l) => l.startsWith(`${node}  `))!;
    expect(header).toMatch(/^NODE +STATUS +LAST SENT +LAST RECEIVED +INBOX LAG +REJECTED \(1 H\) +TRUST LIST +KEY EPOCHS$/);
    expect(row('FR')).toContain('unknown-recipient 1');
    expect(row('FR')).toContain(`v${final.trustListVersion}`);
    expect(row('DE')).toMatch(/ s ago/);
    expect(row('ES')).toMatch(/^ES +active/);
    for (const node of ['DE', 'ES', 'FR']) expect(row(node).slice(header.indexOf('KEY EPOCHS'))).toBe('e1 (1 active)');
    expect(lines.at(-1)).toBe('rejected in the last hour without a valid signature (no member state named): bad-signature 1');
    expect(JSON.parse(await networkStatus(hubUrl, true))).toMatchObject({ trustListVersion: final.trustListVersion });
  });

  it('says clearly when the hub cannot be reached', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    await expect(networkStatus(nobody, false)).rejects.toThrow(`the hub at ${nobody} did not answer`);
    const missing = await fetch(`${hubUrl}/operations/nothing`);
    expect(missing.status).toBe(404);
  });
});
