/** Exponential delays between retries, from min doubling up to max; reset after a success. */
export class Backoff {
  private delay: number;

  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
  ) {
    this.delay = minMs;
  }

  /** The delay to wait before the next try. */
  next(): number {
    const delay = this.delay;
    this.delay = Math.min(this.delay * 2, this.maxMs);
    return delay;
  }

  reset(): void {
    this.delay = this.minMs;
  }
}
