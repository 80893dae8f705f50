import type { MemberStateView, NetworkStatusView } from './network-status';
import { ago, alignColumns, renderNetworkStatus } from './network-status.table';

const NOW = new Date('2026-12-01T22:40:00.000Z');

function state(node: string, overrides: Partial<MemberStateView> = {}): MemberStateView {
  return {
    node,
    status: 'active',
    lastMessageSent: null,
    lastMessageReceived: null,
    inbox: { lag: 0 },
    rejectionsLastHour: {},
    trustList: { acknowledged: null, at: null },
    keyEpochs: { current: null, epochs: [] },
    signingKeys: { active: 1, revoked: 0 },
    ...overrides,
  };
}

describe('ago', () => {
  it('says how long ago in the largest whole unit', () => {
    expect(ago('2026-12-01T22:39:55.000Z', NOW)).toBe('5 s ago');
    expect(ago('2026-12-01T22:10:00.000Z', NOW)).toBe('30 min ago');
    expect(ago('2026-12-01T10:40:00.000Z', NOW)).toBe('12 h ago');
    expect(ago('2026-11-21T22:40:00.000Z', NOW)).toBe('10 d ago');
    // A clock a little ahead is "now", not a negative age.
    expect(ago('2026-12-01T22:40:03.000Z', NOW)).toBe('0 s ago');
  });
});

describe('alignColumns', () => {
  it('pads every column to its widest cell', () => {
    expect(alignColumns([['A', 'BB', 'C'], ['DDD', 'E', 'F']])).toEqual(['A    BB  C', 'DDD  E   F']);
  });
});

describe('renderNetworkStatus', () => {
  const view: NetworkStatusView = {
    generatedAt: NOW.toISOString(),
    trustListVersion: 7,
    memberStates: [
      state('DE', {
        lastMessageSent: { at: '2026-12-01T22:39:58.000Z', type: 'request.answered' },
        lastMessageReceived: '2026-12-01T22:39:50.000Z',
        trustList: { acknowledged: 7, at: '2026-12-01T22:39:00.000Z' },
        keyEpochs: {
          current: 2,
          epochs: [
            { epoch: 1, kid: 'DE-enc-1-aa', status: 'destroyed', notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2026-06-01T00:00:00.000Z' },
            { epoch: 2, kid: 'DE-enc-2-bb', status: 'active', notBefore: '2026-06-01T00:00:00.000Z', notAfter: null },
          ],
        },
      }),
      state('FR', {
        lastMessageSent: { at: '2026-12-01T22:30:00.000Z', type: 'request.sent' },
        inbox: { lag: 12 },
        rejectionsLastHour: { 'unknown-recipient': 1, 'area-not-registered': 3 },
        trustList: { acknowledged: 6, at: '2026-12-01T22:00:00.000Z' },
      }),
      state('ES', { status: 'suspended', inbox: { lag: null, unavailable: 'UNKNOWN_TOPIC_OR_PARTITION' } }),
    ],
    unauthenticatedRejectionsLastHour: { 'bad-signature': 2 },
  };
  const lines = renderNetworkStatus(view).split('\n');

  it('prints one aligned row per member state under a header', () => {
    expect(lines[0]).toBe('network status at 2026-12-01T22:40:00.000Z: trust list v7 published, 3 member states');
    const header = lines[2];
    const rows = lines.slice(3, 6);
    expect(header.startsWith('NODE  STATUS     LAST SENT')).toBe(true);
    // Every column starts where its header does.
    for (const title of ['LAST SENT', 'INBOX LAG', 'TRUST LIST', 'KEY EPOCHS']) {
      const at = header.indexOf(title);
      for (const row of rows) expect(row[at - 1]).toBe(' ');
    }
    expect(rows[0]).toMatch(/^DE {4}active {5}request\.answered, 2 s ago +10 s ago +0 +- +v7 +e2 \(1 active, 1 destroyed\)$/);
  });

  it('shows rejections by code, a trust list behind the hub, and a lag the broker could not give', () => {
    expect(lines[4]).toContain('area-not-registered 3, unknown-recipient 1');
    expect(lines[4]).toContain('v6 (hub v7)');
    expect(lines[4]).toContain('10 min ago');
    expect(lines[5]).toContain('? (UNKNOWN_TOPIC_OR_PARTITION)');
    expect(lines[5]).toMatch(/^ES {4}suspended/);
  });

  it('names rejections no member state can be blamed for apart', () => {
    expect(lines.at(-1)).toBe('rejected in the last hour without a valid signature (no member state named): bad-signature 2');
  });
});
