import type { RoutingOutcome } from '../routing/router';

/** Rejections of records whose signature did not check out: no member state can be named. */
export const UNAUTHENTICATED = '-';

export interface ActivityRows {
  sent: { node: string; at: Date; type: string }[];
  received: { node: string; at: Date }[];
  rejections: { node: string; code: string; minute: Date; count: number }[];
}

/**
 * What the router did, folded per member state (newest message sent and received, rejections per
 * code and minute): batches add to one tally in memory, written to the database as a few rows.
 */
export class ActivityTally {
  private readonly sent = new Map<string, { at: Date; type: string }>();
  private readonly received = new Map<string, Date>();
  private readonly rejections = new Map<string, number>();

  get empty(): boolean {
    return this.sent.size === 0 && this.received.size === 0 && this.rejections.size === 0;
  }

  add(outcome: RoutingOutcome, at: Date): void {
    if (outcome.kind === 'reject') {
      const sender = outcome.authenticatedSender ?? UNAUTHENTICATED;
      const key = `${sender}\t${outcome.code}\t${minuteOf(at).toISOString()}`;
      this.rejections.set(key, (this.rejections.get(key) ?? 0) + 1);
      if (outcome.authenticatedSender) this.noteSent(outcome.authenticatedSender, at, outcome.envelope?.type ?? 'unreadable');
      return;
    }
    this.noteSent(outcome.envelope.senderNode, at, outcome.envelope.type);
    if (outcome.kind === 'route') for (const node of outcome.envelope.recipientNodes) this.noteReceived(node, at);
  }

  /** Adds another tally's counts to this one (a write that failed is tried again with the next). */
  merge(other: ActivityTally): void {
    const rows = other.rows();
    for (const { node, at, type } of rows.sent) this.noteSent(node, at, type);
    for (const { node, at } of rows.received) this.noteReceived(node, at);
    for (const { node, code, minute, count } of rows.rejections) {
      const key = `${node}\t${code}\t${minute.toISOString()}`;
      this.rejections.set(key, (this.rejections.get(key) ?? 0) + count);
    }
  }

  rows(): ActivityRows {
    return {
      sent: [...this.sent].map(([node, { at, type }]) => ({ node, at, type })),
      received: [...this.received].map(([node, at]) => ({ node, at })),
      rejections: [...this.rejections].map(([key, count]) => {
        const [node, code, minute] = key.split('\t');
        return { node, code, minute: new Date(minute), count };
      }),
    };
  }

  private noteSent(node: string, at: Date, type: string): void {
    const known = this.sent.get(node);
    if (!known || known.at <= at) this.sent.set(node, { at, type });
  }

  private noteReceived(node: string, at: Date): void {
    const known = this.received.get(node);
    if (!known || known < at) this.received.set(node, at);
  }
}

export function minuteOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}
