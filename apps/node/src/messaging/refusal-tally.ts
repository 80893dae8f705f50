/** Refusals counted by code, e.g. `{ 'bad-signature': 3 }`. */
export type RefusalCounts = Record<string, number>;

/**
 * Counts inbox records refused before anyone could be identified (unsigned, forged, garbled),
 * and says when to report them: the first refusal after a quiet spell at once, then at most one
 * summary per window. Why: anyone who can write to an inbox topic can write a million records,
 * and a log line each would let them fill the operator's disk and drown real warnings; the
 * metrics count every one anyway (imi_inbox_messages_total{outcome="ignored"}).
 */
export class RefusalTally {
  private counts = new Map<string, number>();
  private reportedAt = Number.NEGATIVE_INFINITY;

  constructor(readonly windowMs = 10_000) {}

  /** Counts one refusal; returns what to report now, or null while a report of this window is out. */
  add(code: string, now: number): RefusalCounts | null {
    this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
    return now - this.reportedAt >= this.windowMs ? this.take(now) : null;
  }

  /** Whether refusals are counted and not yet reported. */
  get pending(): boolean {
    return this.counts.size > 0;
  }

  /** Everything counted since the last report (null when nothing was), and starts a new window. */
  take(now: number): RefusalCounts | null {
    if (this.counts.size === 0) return null;
    const counts = Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
    this.counts = new Map();
    this.reportedAt = now;
    return counts;
  }
}
