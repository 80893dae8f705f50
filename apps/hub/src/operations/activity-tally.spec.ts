import type { Envelope } from '@imi/envelope';
import type { RoutingOutcome } from '../routing/router';
import { ActivityTally, minuteOf, UNAUTHENTICATED } from './activity-tally';

const envelope = (senderNode: string, type: string, recipientNodes: string[]) => ({ senderNode, type, recipientNodes } as unknown as Envelope);
const route = (from: string, type: string, to: string[]): RoutingOutcome => ({ kind: 'route', envelope: envelope(from, type, to) });
const at = (iso: string) => new Date(iso);

describe('ActivityTally', () => {
  it('keeps per member state the newest message sent and received', () => {
    const tally = new ActivityTally();
    tally.add(route('FR', 'request.sent', ['DE']), at('2026-12-01T10:00:05Z'));
    tally.add(route('FR', 'request.closed', ['DE', 'ES']), at('2026-12-01T10:00:09Z'));
    tally.add(route('DE', 'request.answered', ['FR']), at('2026-12-01T10:00:07Z'));
    tally.add({ kind: 'for-hub', envelope: envelope('ES', 'audit.checkpoint', ['HUB']) }, at('2026-12-01T10:00:08Z'));
    const { sent, received, rejections } = tally.rows();
    expect(sent).toEqual(expect.arrayContaining([
      { node: 'FR', at: at('2026-12-01T10:00:09Z'), type: 'request.closed' },
      { node: 'DE', at: at('2026-12-01T10:00:07Z'), type: 'request.answered' },
      { node: 'ES', at: at('2026-12-01T10:00:08Z'), type: 'audit.checkpoint' },
    ]));
    expect(sent).toHaveLength(3);
    expect(received).toEqual(expect.arrayContaining([
      { node: 'DE', at: at('2026-12-01T10:00:09Z') },
      { node: 'ES', at: at('2026-12-01T10:00:09Z') },
      { node: 'FR', at: at('2026-12-01T10:00:07Z') },
    ]));
    expect(rejections).toEqual([]);
  });

  it('counts rejections per sender, code and minute; an unauthenticated record under no member state', () => {
    const tally = new ActivityTally();
    const reject = (code: 'unknown-recipient' | 'bad-signature', sender?: string): RoutingOutcome =>
      ({ kind: 'reject', code, reason: 'why', authenticatedSender: sender, envelope: sender ? envelope(sender, 'request.sent', ['XX']) : undefined });
    tally.add(reject('unknown-recipient', 'FR'), at('2026-12-01T10:00:05Z'));
    tally.add(reject('unknown-recipient', 'FR'), at('2026-12-01T10:00:55Z'));
    tally.add(reject('unknown-recipient', 'FR'), at('2026-12-01T10:01:01Z'));
    tally.add(reject('bad-signature'), at('2026-12-01T10:00:30Z'));
    const { sent, rejections } = tally.rows();
    expect(rejections).toEqual(expect.arrayContaining([
      { node: 'FR', code: 'unknown-recipient', minute: at('2026-12-01T10:00:00Z'), count: 2 },
      { node: 'FR', code: 'unknown-recipient', minute: at('2026-12-01T10:01:00Z'), count: 1 },
      { node: UNAUTHENTICATED, code: 'bad-signature', minute: at('2026-12-01T10:00:00Z'), count: 1 },
    ]));
    expect(rejections).toHaveLength(3);
    // A rejected message from a known sender is still traffic the hub saw from it.
    expect(sent).toEqual([{ node: 'FR', at: at('2026-12-01T10:01:01Z'), type: 'request.sent' }]);
  });

  it('merges another tally: newest times win, counts add up', () => {
    const a = new ActivityTally();
    const b = new ActivityTally();
    a.add(route('FR', 'request.sent', ['DE']), at('2026-12-01T10:00:05Z'));
    a.add({ kind: 'reject', code: 'unknown-recipient', reason: '', authenticatedSender: 'FR' }, at('2026-12-01T10:00:06Z'));
    b.add(route('FR', 'request.closed', ['DE']), at('2026-12-01T10:00:01Z'));
    b.add({ kind: 'reject', code: 'unknown-recipient', reason: '', authenticatedSender: 'FR' }, at('2026-12-01T10:00:07Z'));
    a.merge(b);
    const rows = a.rows();
    expect(rows.sent).toEqual([{ node: 'FR', at: at('2026-12-01T10:00:07Z'), type: 'unreadable' }]);
    expect(rows.received).toEqual([{ node: 'DE', at: at('2026-12-01T10:00:05Z') }]);
    expect(rows.rejections).toEqual([{ node: 'FR', code: 'unknown-recipient', minute: at('2026-12-01T10:00:00Z'), count: 2 }]);
    expect(new ActivityTally().empty).toBe(true);
    expect(a.empty).toBe(false);
  });

  it('cuts time to the minute', () => {
    expect(minuteOf(at('2026-12-01T10:07:59.999Z'))).toEqual(at('2026-12-01T10:07:00Z'));
  });
});
